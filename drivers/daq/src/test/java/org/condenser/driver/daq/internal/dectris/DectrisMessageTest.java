package org.condenser.driver.daq.internal.dectris;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.condenser.api.data.Codec;
import org.condenser.api.data.DType;
import org.condenser.testing.ExternalTools;
import org.condenser.dataplane.internal.codec.Bslz4;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DECTRIS stream v2 messages as an independent encoder (Debian's python3-cbor2) writes them. */
class DectrisMessageTest {

    @TempDir
    static Path folder;

    @BeforeAll
    static void encodeWithCbor2() throws Exception {
        String output = ExternalTools.python("""
                import sys, os, struct, numpy, cbor2, bitshuffle
                from cbor2 import CBORTag
                d = sys.argv[1]
                def write(name, obj):
                    open(os.path.join(d, name), 'wb').write(cbor2.dumps(obj))
                frame = (numpy.arange(96 * 128, dtype='<u2') % 5000).reshape(96, 128)
                frame.tofile(os.path.join(d, 'frame.u16'))
                write('start.cbor', {'type': 'start', 'series_id': 7, 'series_unique_id': 'abc-7', 'number_of_images': 3,
                                     'image_size_x': 128, 'image_size_y': 96, 'image_dtype': 'uint16', 'count_time': 0.001,
                                     'incident_energy': 300000.0, 'saturation_value': 65535})
                write('raw.cbor', {'type': 'image', 'series_id': 7, 'series_unique_id': 'abc-7', 'image_id': 0,
                                   'real_time': [1000, 1000000],
                                   'data': {'threshold_1': CBORTag(40, [[96, 128], CBORTag(69, frame.tobytes())])}})
                packed = struct.pack('>QI', frame.nbytes, 8192) + bitshuffle.compress_lz4(frame, 4096).tobytes()
                write('bslz4.cbor', {'type': 'image', 'series_id': 7, 'series_unique_id': 'abc-7', 'image_id': 1,
                                     'data': {'threshold_1': CBORTag(40, [[96, 128], CBORTag(69, CBORTag(56500, ['bslz4', 2, packed]))])}})
                write('end.cbor', {'type': 'end', 'series_id': 7, 'series_unique_id': 'abc-7'})
                write('wrongtag.cbor', {'type': 'image', 'series_id': 7, 'image_id': 2,
                                        'data': {'threshold_1': CBORTag(40, [[96, 128], CBORTag(73, frame.tobytes())])}})
                write('short.cbor', {'type': 'image', 'series_id': 7, 'image_id': 2,
                                     'data': {'threshold_1': CBORTag(40, [[96, 128], CBORTag(69, frame.tobytes()[:100])])}})
                write('int12.cbor', {'type': 'start', 'series_id': 8, 'number_of_images': 1, 'image_size_x': 4,
                                     'image_size_y': 4, 'image_dtype': 'int12'})
                write('list.cbor', [1, 2, 3])
                print('ok')
                """, folder.toString());
        assertEquals("ok", output);
    }

    private static DectrisMessage parse(String name) throws IOException {
        return DectrisMessage.parse(ByteBuffer.wrap(Files.readAllBytes(folder.resolve(name))));
    }

    private static String refusal(String name) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(folder.resolve(name)));
        return assertThrows(IllegalArgumentException.class, () -> DectrisMessage.parse(bytes)).getMessage();
    }

    @Test
    void aSeriesIsReadAsStartImagesEnd() throws Exception {
        DectrisMessage.Start start = assertInstanceOf(DectrisMessage.Start.class, parse("start.cbor"));
        assertEquals(7, start.seriesId());
        assertEquals("abc-7", start.seriesUid());
        assertEquals(3, start.numberOfImages());
        assertEquals(128, start.width());
        assertEquals(96, start.height());
        assertEquals(DType.UINT16, start.dtype());
        assertEquals(300000.0, start.metadata().get("incident_energy"));

        byte[] frame = Files.readAllBytes(folder.resolve("frame.u16"));
        DectrisMessage.Image raw = assertInstanceOf(DectrisMessage.Image.class, parse("raw.cbor"));
        DectrisMessage.Pixels pixels = raw.channels().get(0);
        assertEquals("threshold_1", pixels.channel());
        assertEquals(Codec.NONE, pixels.codec());
        byte[] read = new byte[pixels.bytes().remaining()];
        pixels.bytes().duplicate().get(read);
        assertArrayEquals(frame, read);
        assertArrayEquals(new double[] { 1000, 1000000 }, raw.realTime());

        DectrisMessage.Image compressed = assertInstanceOf(DectrisMessage.Image.class, parse("bslz4.cbor"));
        DectrisMessage.Pixels packed = compressed.channels().get(0);
        assertEquals(Codec.BSLZ4, packed.codec());
        assertTrue(packed.bytes().remaining() < frame.length, "it stays compressed until a stage needs pixels");
        ByteBuffer decoded = ByteBuffer.allocate((int) packed.decodedBytes());
        Bslz4.decode(packed.bytes(), decoded, 2);
        assertArrayEquals(frame, decoded.array());

        assertInstanceOf(DectrisMessage.End.class, parse("end.cbor"));
    }

    @Test
    void badMessagesAreRefusedSayingWhatWasWrong() throws Exception {
        assertEquals("channel threshold_1: typed-array tag 73 is not a little-endian type Condenser takes (64, 69, 70, 85)",
                refusal("wrongtag.cbor"));
        assertEquals("channel threshold_1: 100 bytes for 96x128 UINT16 (24576 expected)", refusal("short.cbor"));
        assertEquals("image_dtype 'int12' is not uint8, uint16, uint32 or float32", refusal("int12.cbor"));
        assertEquals("a stream message must be a CBOR map, not ArrayList", refusal("list.cbor"));

        byte[] whole = Files.readAllBytes(folder.resolve("raw.cbor"));
        String truncated = assertThrows(IllegalArgumentException.class,
                () -> DectrisMessage.parse(ByteBuffer.wrap(java.util.Arrays.copyOf(whole, whole.length - 500)))).getMessage();
        assertTrue(truncated.startsWith("malformed CBOR at byte ") && truncated.contains("a length that lies?"), truncated);

        // A byte string header claiming 4 GB in a 9-byte message.
        byte[] lying = { (byte) 0xa1, 0x61, 'x', 0x5a, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0 };
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cbor.read(ByteBuffer.wrap(lying))).getMessage()
                .contains("a string of 2147483647 bytes, but only 1 are left"));
    }
}
