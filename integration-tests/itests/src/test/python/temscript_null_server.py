"""A stand-in for `temscript-server --null`: the temscript remote protocol (HTTP/JSON under /v1/)
in front of a dummy microscope, written from the protocol's description (Condenser's
shared/specs/protocols.md): GET <name> calls get_<name>, PUT sets with a JSON body of at most
4096 bytes, 404 for unknown endpoints, 500 when the microscope raises, 204 when a call returns
None, gzip when the body is over 256 bytes and the client accepts it, images as width/height/type/
endianness/BASE64 data.

Unlike the real null microscope, images are a deterministic ramp rather than zeros, and the STEM
detector answers big-endian, so a client's decoding can be checked.

    /usr/bin/python3 temscript_null_server.py --port 8080 [--host 127.0.0.1]
"""

import argparse
import base64
import gzip
import json
import math
import socket
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import numpy

STAGE_AXES = ("x", "y", "z", "a", "b")


class NullMicroscope(object):
    XY = 1e-3
    Z = 0.3e-3
    AB = math.pi / 6
    CCD = 2048

    def __init__(self):
        self.stage = {"x": 0.0, "y": 0.0, "z": 0.0, "a": 0.0, "b": 0.0}
        self.defocus = 0.0
        self.beam_shift = [0.0, 0.0]
        self.image_shift = [0.0, 0.0]
        self.magnification_index = 10
        self.intensity = 0.4
        self.column_valves_open = False
        self.ccd = {"image_size": "FULL", "exposure(s)": 1.0, "binning": 1, "correction": "DEFAULT",
                    "exposure_mode": "NONE", "shutter_mode": "POST_SPECIMEN", "pre_exposure(s)": 0.0}
        self.stem = {"image_size": "FULL", "binning": 1, "dwell_time(s)": 1e-6}

    def get_family(self):
        return "NULL"

    def get_microscope_id(self):
        return socket.gethostname()

    def get_version(self):
        return "2.0.1"

    def get_voltage(self):
        return 200.0

    def get_vacuum(self):
        return {"status": "READY", "column_valves_open": self.column_valves_open, "pvp_running": False,
                "gauges(Pa)": {"IGPco": 2.5e-6}}

    def get_stage_holder(self):
        return "SINGLE_TILT"

    def get_stage_status(self):
        return "READY"

    def get_stage_position(self):
        return dict(self.stage)

    def get_stage_limits(self):
        return {"x": [-self.XY, self.XY], "y": [-self.XY, self.XY], "z": [-self.Z, self.Z],
                "a": [-self.AB, self.AB], "b": [-self.AB, self.AB]}

    def set_stage_position(self, position, method="GO", speed=None):
        if method not in ("GO", "MOVE"):
            raise ValueError("unknown movement method " + method)
        limits = self.get_stage_limits()
        for axis, value in position.items():
            if axis not in STAGE_AXES:
                raise ValueError("unknown axis " + axis)
            low, high = limits[axis]
            self.stage[axis] = max(low, min(high, float(value)))

    def get_cameras(self):
        return {"CCD": {"type": "CAMERA", "width": self.CCD, "height": self.CCD, "pixel_size(um)": 24,
                        "binnings": [1, 2, 4, 8], "shutter_modes": ["POST_SPECIMEN"]}}

    def get_stem_detectors(self):
        return {"HAADF": {"type": "STEM_DETECTOR", "binnings": [1, 2, 4, 8]}}

    def get_camera_param(self, name):
        if name != "CCD":
            raise KeyError(name)
        return dict(self.ccd)

    def set_camera_param(self, name, values):
        if name != "CCD":
            raise KeyError(name)
        for key, value in values.items():
            if key == "binning" and int(value) not in (1, 2, 4, 8):
                raise ValueError("binning %s not supported" % value)
            if key not in self.ccd:
                raise ValueError("unknown camera parameter " + key)
            self.ccd[key] = value

    def get_stem_acquisition_param(self):
        return dict(self.stem)

    def set_stem_acquisition_param(self, values):
        for key, value in values.items():
            if key not in self.stem:
                raise ValueError("unknown STEM parameter " + key)
            self.stem[key] = value

    def get_stem_detector_param(self, name):
        if name != "HAADF":
            raise KeyError(name)
        return {"brightness": 0.5, "contrast": 0.5}

    def _size(self, parameters, full):
        size = full // int(parameters["binning"])
        return size // {"FULL": 1, "HALF": 2, "QUARTER": 4}[parameters["image_size"]]

    def acquire(self, *detectors):
        images = {}
        for name in detectors:
            if name == "CCD":
                n = self._size(self.ccd, self.CCD)
                images[name] = (numpy.arange(n * n, dtype=numpy.int64).reshape(n, n) % 30000).astype("<i2")
            elif name == "HAADF":
                n = self._size(self.stem, 512)
                images[name] = (numpy.arange(n * n, dtype=numpy.int64).reshape(n, n) % 60000).astype(">u2")
            else:
                raise KeyError(name)
        return images

    def get_defocus(self):
        return self.defocus

    def set_defocus(self, value):
        self.defocus = float(value)

    def get_beam_shift(self):
        return list(self.beam_shift)

    def set_beam_shift(self, value):
        self.beam_shift = [float(value[0]), float(value[1])]

    def get_image_shift(self):
        return list(self.image_shift)

    def set_image_shift(self, value):
        self.image_shift = [float(value[0]), float(value[1])]

    def get_magnification_index(self):
        return self.magnification_index

    def set_magnification_index(self, value):
        if int(value) != value or not 1 <= int(value) <= 40:
            raise ValueError("magnification index %s out of range" % value)
        self.magnification_index = int(value)

    def get_intensity(self):
        return self.intensity

    def set_intensity(self, value):
        self.intensity = float(value)

    def get_projection_mode(self):
        return "IMAGING"

    def get_column_valves_open(self):
        return self.column_valves_open

    def set_column_valves_open(self, value):
        self.column_valves_open = bool(value)

    def normalize(self, mode):
        if mode not in ("ALL", "OBJECTIVE", "CONDENSER", "PROJECTOR"):
            raise ValueError("unknown normalisation " + mode)

    def get_state(self):
        return {"voltage(kV)": self.get_voltage(), "stage_position": self.get_stage_position(),
                "beam_shift": self.get_beam_shift(), "defocus": self.get_defocus(), "instrument_mode": "TEM"}


def encode(value):
    if isinstance(value, numpy.ndarray):
        order = {"<": "LITTLE", ">": "BIG", "=": "LITTLE", "|": "LITTLE"}[value.dtype.byteorder]
        return {"width": value.shape[1], "height": value.shape[0], "type": value.dtype.name.upper(),
                "endianness": order, "encoding": "BASE64", "data": base64.b64encode(value.tobytes()).decode("ascii")}
    raise TypeError(type(value).__name__)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def _answer(self, result):
        if result is None:
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = json.dumps(result, default=encode).encode("utf-8")
        self.send_response(200)
        accepted = [x.split(";")[0].strip() for x in self.headers.get("Accept-Encoding", "").split(",")]
        if len(body) > 256 and "gzip" in accepted:
            body = gzip.compress(body, 5)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _fail(self, code, message):
        body = message.encode("utf-8")
        self.send_response(code, message)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        request = urlparse(self.path)
        if not request.path.startswith("/v1/"):
            return self._fail(404, "Unknown API version: " + self.path)
        endpoint = request.path[4:]
        query = parse_qs(request.query)
        microscope = self.server.microscope
        try:
            if endpoint == "acquire":
                if "detectors" not in query:
                    return self._fail(404, "No detectors: " + self.path)
                return self._answer(microscope.acquire(*query["detectors"]))
            for prefix in ("camera_param/", "stem_detector_param/"):
                if endpoint.startswith(prefix):
                    getter = getattr(microscope, "get_" + prefix[:-1])
                    try:
                        return self._answer(getter(endpoint[len(prefix):]))
                    except KeyError:
                        return self._fail(404, "Unknown detector: " + self.path)
            getter = getattr(microscope, "get_" + endpoint, None)
            if getter is None or "/" in endpoint:
                return self._fail(404, "Unknown endpoint: " + self.path)
            return self._answer(getter())
        except KeyError as e:
            return self._fail(404, "Unknown detector %s: %s" % (e, self.path))
        except Exception as e:
            return self._fail(500, "Error handling request %s: %s" % (self.path, e))

    def do_PUT(self):
        request = urlparse(self.path)
        if not request.path.startswith("/v1/"):
            return self._fail(404, "Unknown API version: " + self.path)
        endpoint = request.path[4:]
        query = parse_qs(request.query)
        microscope = self.server.microscope
        try:
            length = int(self.headers.get("Content-Length", "0"))
            if length > 4096:
                self.rfile.read(length)
                raise ValueError("Too much content (%d bytes)" % length)
            value = json.loads(self.rfile.read(length).decode("utf-8"))
            if endpoint == "stage_position":
                method = query.get("method", ["GO"])[0]
                return self._answer(microscope.set_stage_position(value, method=method))
            if endpoint.startswith("camera_param/"):
                try:
                    return self._answer(microscope.set_camera_param(endpoint[len("camera_param/"):], value))
                except KeyError:
                    return self._fail(404, "Unknown detector: " + self.path)
            if endpoint == "normalize":
                return self._answer(microscope.normalize(value))
            setter = getattr(microscope, "set_" + endpoint, None)
            if setter is None or "/" in endpoint:
                return self._fail(404, "Unknown endpoint: " + self.path)
            return self._answer(setter(value))
        except Exception as e:
            return self._fail(500, "Error handling request %s: %s" % (self.path, e))


def main():
    parser = argparse.ArgumentParser(description="temscript --null stand-in")
    parser.add_argument("-p", "--port", type=int, default=8080)
    parser.add_argument("--host", default="127.0.0.1")
    arguments = parser.parse_args()
    server = ThreadingHTTPServer((arguments.host, arguments.port), Handler)
    server.microscope = NullMicroscope()
    print("Started httpserver on host '%s' port %d." % (arguments.host, arguments.port), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
