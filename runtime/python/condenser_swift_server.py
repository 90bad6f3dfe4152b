"""Condenser's companion inside Nion Swift: a Pyro4 daemon with an HMAC key in front of a narrow
facade over Swift's own instrument objects.

Run it in Swift's Python console (Window > Python Console):

    exec(open("/path/to/condenser_swift_server.py").read())
    serve_in_swift(key="the key in conf/org.condenser.driver.nion-*.cfg", host="0.0.0.0", port=9800)

or, outside Swift, against any object that speaks Swift's STEM-controller API (the tests use a
stand-in built from Swift's names):

    /usr/bin/python3 condenser_swift_server.py --key-file KEYFILE --port 9800 --stem-controller module:factory

Only what the facade exposes can be called: controls by name (TryGetVal / SetValAndConfirm), the
probe, scan frame parameters and recording, camera and EELS acquisition, and spectra at a list of
probe positions. Arrays travel as bytes + dtype + shape (+ calibrations), never as lists of floats.
Swift's own nionlib remote (XML-RPC with pickles, local only) is not used.
"""

import argparse
import importlib
import sys
import threading

import Pyro4

OBJECT_ID = "condenser.swift"
PROTOCOL = 1

Pyro4.config.SERIALIZER = "serpent"
Pyro4.config.SERIALIZERS_ACCEPTED = {"serpent"}


def _array(xdata):
    """One Swift data item (DataAndMetadata, or a bare numpy array) as bytes + dtype + shape."""
    data = getattr(xdata, "data", xdata)
    calibrations = []
    for calibration in getattr(xdata, "dimensional_calibrations", None) or []:
        calibrations.append([float(calibration.offset), float(calibration.scale), str(calibration.units or "")])
    intensity = getattr(xdata, "intensity_calibration", None)
    metadata = getattr(xdata, "metadata", None) or {}
    return {
        "data": data.tobytes(order="C"),
        "dtype": data.dtype.str,
        "shape": list(data.shape),
        "calibrations": calibrations,
        "intensity_units": str(getattr(intensity, "units", "") or ""),
        "metadata": _plain(metadata),
    }


def _plain(value):
    """Metadata as serpent carries it safely: dicts, lists, strings, numbers, booleans."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (bool, int, float, str)) or value is None:
        return value
    if hasattr(value, "item"):
        return value.item()
    return str(value)


@Pyro4.expose
class SwiftFacade(object):
    """What Condenser may call. Each method names the Swift API it uses."""

    def __init__(self, stem_controller):
        self._stem = stem_controller
        # Swift's hardware sources are not re-entrant; one command at a time.
        self._lock = threading.RLock()

    def hello(self):
        return {"protocol": PROTOCOL, "facade": "condenser-swift", "python": sys.version.split()[0],
                "scan": self._stem.scan_controller is not None,
                "eels": getattr(self._stem, "eels_camera", None) is not None,
                "ronchigram": getattr(self._stem, "ronchigram_camera", None) is not None}

    # --- controls: TryGetVal / SetValAndConfirm ---

    def get_controls(self, names):
        """[ok, value] per control name, in order."""
        with self._lock:
            answers = []
            for name in names:
                ok, value = self._stem.TryGetVal(str(name))
                answers.append([bool(ok), float(value) if ok else None])
            return answers

    def set_controls(self, values, confirm_timeout_ms=16000):
        """[ok, message] per control, in the order given; confirms each against the instrument."""
        with self._lock:
            answers = []
            for name, value in values:
                try:
                    ok = self._stem.SetValAndConfirm(str(name), float(value), 1.0, int(confirm_timeout_ms))
                    answers.append([bool(ok), "" if ok else "Swift did not confirm " + str(name)])
                except Exception as e:  # Swift raises for unknown controls and confirm timeouts
                    answers.append([False, "%s: %s" % (type(e).__name__, e)])
            return answers

    # --- probe ---

    def probe(self):
        with self._lock:
            position = self._stem.probe_position
            return {"state": str(self._stem.probe_state),
                    "position": None if position is None else [float(position[0]), float(position[1])]}

    def set_probe_position(self, y, x):
        with self._lock:
            self._stem.probe_position = (float(y), float(x))

    def park(self):
        with self._lock:
            self._stem.probe_position = None

    # --- scan ---

    def frame_parameters(self):
        with self._lock:
            return self._scan_parameters(self._scan().get_current_frame_parameters())

    def set_frame_parameters(self, parameters):
        with self._lock:
            scan = self._scan()
            scan.set_current_frame_parameters(self._apply(scan.get_current_frame_parameters(), parameters))

    def record(self, parameters, channels):
        """One frame of the given channels (0 HAADF, 1 MAADF); one array per channel, in order."""
        with self._lock:
            scan = self._scan()
            frame_parameters = self._apply(scan.get_current_frame_parameters(), parameters)
            enabled = [int(c) for c in channels]
            scan.set_enabled_channels(enabled)
            scan.start_playing(frame_parameters)
            try:
                data = scan.grab_next_to_finish()
            finally:
                scan.stop_playing()
            return [_array(xdata) for xdata in data]

    # --- cameras ---

    def acquire(self, camera, exposure_ms, binning, sum_project=False):
        with self._lock:
            device = self._camera(camera)
            parameters = dict(device.get_current_frame_parameters())
            parameters["exposure_ms"] = float(exposure_ms)
            parameters["binning"] = int(binning)
            if sum_project:
                parameters["processing"] = "sum_project"
            device.start_playing(parameters)
            try:
                data = device.grab_next_to_finish()
            finally:
                device.stop_playing()
            return _array(data[0])

    def spectra_at(self, positions, exposure_ms):
        """An EELS spectrum at each probe position (y, x) in order; the probe returns where it was."""
        with self._lock:
            before = self._stem.probe_position
            try:
                spectra = []
                for y, x in positions:
                    self._stem.probe_position = (float(y), float(x))
                    spectra.append(self.acquire("eels", exposure_ms, 1, True))
                return spectra
            finally:
                self._stem.probe_position = before

    # --- helpers ---

    def _scan(self):
        scan = self._stem.scan_controller
        if scan is None:
            raise RuntimeError("this Swift has no scan controller")
        return scan

    def _camera(self, name):
        device = {"eels": getattr(self._stem, "eels_camera", None),
                  "ronchigram": getattr(self._stem, "ronchigram_camera", None)}.get(str(name))
        if device is None:
            raise RuntimeError("this Swift has no %s camera" % name)
        return device

    @staticmethod
    def _scan_parameters(fp):
        size = fp["size"]
        return {"size": [int(size[0]), int(size[1])], "fov_nm": float(fp["fov_nm"]),
                "pixel_time_us": float(fp["pixel_time_us"]), "rotation_rad": float(fp.get("rotation_rad", 0.0))}

    @staticmethod
    def _apply(current, changes):
        fp = dict(current)
        for key in ("size", "fov_nm", "pixel_time_us", "rotation_rad"):
            if key in changes:
                fp[key] = tuple(int(v) for v in changes[key]) if key == "size" else float(changes[key])
        return fp


def serve(stem_controller, key, host="127.0.0.1", port=9800, ready=None):
    """Serves the facade until the process ends; every message must carry the HMAC key."""
    if not key:
        raise ValueError("an HMAC key is required: without one anyone who reaches the port drives the microscope")
    daemon = Pyro4.Daemon(host=host, port=int(port))
    daemon._pyroHmacKey = key.encode("utf-8") if isinstance(key, str) else key
    uri = daemon.register(SwiftFacade(stem_controller), objectId=OBJECT_ID)
    print("condenser-swift serving %s" % uri, flush=True)
    if ready is not None:
        ready(uri)
    daemon.requestLoop()


def serve_in_swift(key, host="0.0.0.0", port=9800):
    """From Swift's console: serves Swift's own STEM controller on a background thread."""
    from nion.utils import Registry
    stem = Registry.get_component("stem_controller")
    if stem is None:
        raise RuntimeError("Swift has no stem_controller component (no instrument configured?)")
    thread = threading.Thread(target=serve, args=(stem, key, host, port), name="condenser-swift", daemon=True)
    thread.start()
    return thread


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9800)
    parser.add_argument("--key-file", required=True, help="file holding the HMAC key (one line)")
    parser.add_argument("--stem-controller", required=True,
                        help="module:callable returning an object with Swift's STEM-controller API")
    arguments = parser.parse_args(argv)
    with open(arguments.key_file, encoding="utf-8") as f:
        key = f.read().strip()
    module, _, factory = arguments.stem_controller.partition(":")
    stem = getattr(importlib.import_module(module), factory)()
    serve(stem, key, arguments.host, arguments.port)


if __name__ == "__main__":
    main()
