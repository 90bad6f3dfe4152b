package org.condenser.driver.daq.internal.dectris;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.condenser.api.data.Codec;
import org.condenser.api.data.DType;
import org.condenser.testing.ExternalTools;
import org.condenser.dataplane.internal.codec.FrameCodecService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sender's wire format read by an independent peer: Python pyzmq PULL, cbor2 for the messages,
 * the bitshuffle module and python3-lz4 for the compressed payloads.
 */
class DectrisSenderTest {

    @TempDir
    Path folder;

    @Test
    void pythonReadsTheSeriesAsADectrisStream() throws Exception {
        short[] pixels = new short[96 * 128];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (short) ((i * 31 % 977) * ((i / 128) % 3 == 0 ? 1 : 0) + 60000 * (i % 1000 == 0 ? 1 : 0));
        }
        ByteBuffer frame = ByteBuffer.allocate(pixels.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        frame.asShortBuffer().put(pixels);
        Files.write(folder.resolve("frame.u16"), frame.array());
        Path script = Files.writeString(folder.resolve("reader.py"), """
                import sys, struct, numpy, zmq, cbor2, bitshuffle, lz4.block
                pull = zmq.Context().socket(zmq.PULL)
                pull.connect(sys.argv[1])
                pull.setsockopt(zmq.RCVTIMEO, 20000)
                want = numpy.fromfile(sys.argv[2], dtype='<u2').reshape(96, 128)
                out = []
                start = cbor2.loads(pull.recv())
                out.append('%s %d %s %d %d %s %s' % (start['type'], start['series_id'], start['series_unique_id'],
                    start['number_of_images'], start['image_size_x'] * 1000 + start['image_size_y'], start['image_dtype'], start['count_time']))
                for _ in range(3):
                    m = cbor2.loads(pull.recv())
                    array = m['data']['threshold_1']
                    assert array.tag == 40, array.tag
                    dims, typed = array.value
                    assert typed.tag == 69, typed.tag
                    if isinstance(typed.value, bytes):
                        kind, got = 'raw', numpy.frombuffer(typed.value, dtype='<u2')
                    else:
                        assert typed.value.tag == 56500
                        kind, size, payload = typed.value.value
                        total, block = struct.unpack('>QI', payload[:12])
                        assert total == want.nbytes, total
                        if kind == 'bslz4':
                            got = bitshuffle.decompress_lz4(numpy.frombuffer(payload[12:], dtype=numpy.uint8), (96 * 128,), numpy.dtype('<u2'), block // size)
                        else:
                            n = struct.unpack('>I', payload[12:16])[0]
                            got = numpy.frombuffer(lz4.block.decompress(payload[16:16 + n], uncompressed_size=total), dtype='<u2')
                    out.append('%s %d %s %s %s' % (kind, m['image_id'], dims, m['real_time'], numpy.array_equal(got.reshape(96, 128), want)))
                end = cbor2.loads(pull.recv())
                out.append('%s %d' % (end['type'], end['series_id']))
                print('\\n'.join(out))
                """);
        try (DectrisSender sender = new DectrisSender("tcp://127.0.0.1:*", new FrameCodecService())) {
            CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return ExternalTools.run(ExternalTools.PYTHON, script.toString(), "tcp://127.0.0.1:" + sender.socket().port(),
                            folder.resolve("frame.u16").toString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(sender.socket().awaitReceivers(1, Duration.ofSeconds(30)), "the reader connected");
            sender.start(7, "abc", 3, 128, 96, DType.UINT16, Map.of("count_time", 0.002));
            sender.image(7, "abc", 0, 128, 96, DType.UINT16, frame, Codec.NONE, 2_000_000);
            sender.image(7, "abc", 1, 128, 96, DType.UINT16, frame, Codec.BSLZ4, 2_000_000);
            sender.image(7, "abc", 2, 128, 96, DType.UINT16, frame, Codec.LZ4, 2_000_000);
            sender.end(7, "abc");
            assertEquals("""
                    start 7 abc 3 128096 uint16 0.002
                    raw 0 [96, 128] [2000000, 1000000000] True
                    bslz4 1 [96, 128] [2000000, 1000000000] True
                    lz4 2 [96, 128] [2000000, 1000000000] True
                    end 7""", read.get());
        }
    }
}
