"""A stand-in for Nion Swift's STEM controller, built from Swift's own names, for the companion
(runtime/python/condenser_swift_server.py) to serve in tests: controls read and set with
TryGetVal / SetValAndConfirm, probe_position and probe_state, a scan hardware source
(get_current_frame_parameters, set_enabled_channels, start_playing, grab_next_to_finish,
stop_playing) and EELS and ronchigram cameras. Data are deterministic functions of the settings, so
a test can check what arrives.
"""

import math

import numpy


class Calibration(object):
    def __init__(self, offset, scale, units):
        self.offset = offset
        self.scale = scale
        self.units = units


class DataAndMetadata(object):
    def __init__(self, data, calibrations, intensity_units, metadata):
        self.data = data
        self.dimensional_calibrations = calibrations
        self.intensity_calibration = Calibration(0.0, 1.0, intensity_units)
        self.metadata = metadata


class ScanDevice(object):
    """Swift's scan hardware source, as a script sees it."""

    def __init__(self, stem):
        self._stem = stem
        self._fp = {"size": (256, 256), "fov_nm": 8.0, "pixel_time_us": 10.0, "rotation_rad": 0.0}
        self._channels = [0]
        self._playing = None

    def get_current_frame_parameters(self):
        return dict(self._fp)

    def set_current_frame_parameters(self, fp):
        self._fp = dict(fp)

    def set_enabled_channels(self, channels):
        self._channels = list(channels)

    def start_playing(self, fp):
        self._playing = dict(fp)
        self._stem.probe_state = "scanning"

    def stop_playing(self):
        self._playing = None
        self._stem.probe_state = "parked"

    def grab_next_to_finish(self):
        fp = self._playing
        h, w = fp["size"]
        y, x = numpy.mgrid[0:h, 0:w]
        pixel_nm = fp["fov_nm"] / w
        frames = []
        for channel in self._channels:
            # A lattice whose spacing in pixels follows the field of view, brighter on channel 0 (HAADF).
            image = (1.0 + numpy.cos(2 * math.pi * x * pixel_nm / 0.25) * numpy.cos(2 * math.pi * y * pixel_nm / 0.25))
            image = (image * (100.0 if channel == 0 else 40.0) * fp["pixel_time_us"] / 10.0).astype(numpy.float32)
            frames.append(DataAndMetadata(image, [Calibration(0.0, pixel_nm, "nm"), Calibration(0.0, pixel_nm, "nm")],
                                          "counts", {"hardware_source": {"channel_index": channel,
                                                                         "channel_name": ["HAADF", "MAADF"][channel],
                                                                         "pixel_time_us": fp["pixel_time_us"]}}))
        return frames


class CameraDevice(object):
    def __init__(self, stem, kind, shape):
        self._stem = stem
        self._kind = kind
        self._shape = shape
        self._fp = {"exposure_ms": 10.0, "binning": 1, "processing": None}
        self._playing = None

    def get_current_frame_parameters(self):
        return dict(self._fp)

    def start_playing(self, fp):
        self._playing = dict(fp)

    def stop_playing(self):
        self._playing = None

    def grab_next_to_finish(self):
        fp = self._playing
        exposure = fp["exposure_ms"]
        if self._kind == "eels" and fp.get("processing") == "sum_project":
            energy = -10.0 + 0.5 * numpy.arange(self._shape[1])
            position = self._stem.probe_position or (0.5, 0.5)
            # The plasmon moves with the probe's x, so a test can tell the spectra apart.
            plasmon = 15.0 + 4.0 * position[1]
            spectrum = 1e4 * exposure * numpy.exp(-energy ** 2 / 0.1) + 50 * exposure * numpy.exp(-(energy - plasmon) ** 2 / 8)
            return [DataAndMetadata(spectrum.astype(numpy.float32), [Calibration(-10.0, 0.5, "eV")], "counts",
                                    {"probe_position": list(position), "exposure_ms": exposure})]
        h, w = self._shape[0] // fp["binning"], self._shape[1] // fp["binning"]
        frame = (numpy.arange(h * w, dtype=numpy.uint32).reshape(h, w) % 1000).astype(">u2")  # big-endian on purpose
        return [DataAndMetadata(frame, [Calibration(0.0, 1.0, "px"), Calibration(0.0, 1.0, "px")], "counts",
                                {"exposure_ms": exposure})]


class StemController(object):
    """Swift's STEM controller: controls, probe, and the devices hanging off it."""

    def __init__(self):
        self._controls = {"EHT": 100000.0, "C10": 0.0, "C12.x": 0.0, "C12.y": 0.0, "C21.x": 0.0, "C21.y": 0.0,
                          "C23.x": 0.0, "C23.y": 0.0, "C30": 1.2e-6, "BeamCurrent": 5e-11,
                          "ConvergenceAngle": 0.03, "C_Blank": 0.0, "ZLPoffset": 0.0}
        self.probe_position = None
        self.probe_state = "parked"
        self.scan_controller = ScanDevice(self)
        self.eels_camera = CameraDevice(self, "eels", (256, 1024))
        self.ronchigram_camera = CameraDevice(self, "ronchigram", (128, 128))

    def TryGetVal(self, s):
        if s in self._controls:
            return True, self._controls[s]
        return False, None

    def GetVal(self, s):
        ok, value = self.TryGetVal(s)
        if not ok:
            raise Exception("no control " + s)
        return value

    def SetVal(self, s, val):
        if s not in self._controls:
            return False
        self._controls[s] = float(val)
        return True

    def SetValAndConfirm(self, s, val, tolfactor, timeout_ms):
        return self.SetVal(s, val)


def create():
    return StemController()
