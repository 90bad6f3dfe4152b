package org.condenser.driver.daq.internal.dectris;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.condenser.api.data.Codec;
import org.condenser.api.data.Frame;
import org.condenser.dataplane.internal.codec.Bslz4;
import org.condenser.driver.daq.internal.CollectingSink;
import org.condenser.dataplane.internal.pipeline.FramePool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver against an independent sender: Python (pyzmq PUSH, cbor2, bitshuffle) emitting a
 * DECTRIS stream v2 series with bad messages mixed in, then vanishing in the middle of a second series.
 */
class DectrisReceiverTest {

    @TempDir
    Path folder;

    @Test
    void goodFramesArriveBadOnesAreCountedAndADisconnectMidSeriesIsNoticed() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path script = Files.writeString(folder.resolve("sender.py"), """
                import sys, time, struct, numpy, zmq, cbor2, bitshuffle
                from cbor2 import CBORTag
                port = int(sys.argv[1]); out = sys.argv[2]
                push = zmq.Context().socket(zmq.PUSH)
                push.setsockopt(zmq.LINGER, 5000)
                push.setsockopt(zmq.HANDSHAKE_IVL, 500)  # a stalled JeroMQ connect is retried at once (see PushSocket)
                push.bind('tcp://127.0.0.1:%d' % port)
                time.sleep(1.0)  # the receiver connects
                def image(series, index, frame, compressed=False):
                    if compressed:
                        payload = CBORTag(56500, ['bslz4', 2, struct.pack('>QI', frame.nbytes, 8192) + bitshuffle.compress_lz4(frame, 4096).tobytes()])
                    else:
                        payload = frame.tobytes()
                    return cbor2.dumps({'type': 'image', 'series_id': series, 'series_unique_id': 's%d' % series, 'image_id': index,
                                        'data': {'threshold_1': CBORTag(40, [[64, 64], CBORTag(69, payload)])}})
                frames = [(numpy.arange(64 * 64, dtype='<u2') * (i + 1) % 4000).reshape(64, 64) for i in range(6)]
                numpy.stack(frames).tofile(out)
                start = lambda s: cbor2.dumps({'type': 'start', 'series_id': s, 'series_unique_id': 's%d' % s, 'number_of_images': 6,
                                               'image_size_x': 64, 'image_size_y': 64, 'image_dtype': 'uint16'})
                push.send(image(1, 0, frames[0]))                 # outside any series
                push.send(start(1))
                for i in range(3):
                    push.send(image(1, i, frames[i]))
                push.send(b'\\xa1\\x61x\\x5a\\x7f\\xff\\xff\\xff\\x00')  # a length that lies
                push.send(image(9, 0, frames[0]))                 # from another series
                for i in range(3, 6):
                    push.send(image(1, i, frames[i], compressed=True))
                push.send(cbor2.dumps({'type': 'end', 'series_id': 1, 'series_unique_id': 's1'}))
                push.send(start(2))
                push.send(image(2, 0, frames[0]))
                time.sleep(1.0)
                push.close()                                      # gone in the middle of series 2
                print('sent', flush=True)
                """);
        FramePool pool = new FramePool(1 << 20);
        CollectingSink sink = new CollectingSink();
        List<Frame> received = sink.frames;
        List<String> problems = new CopyOnWriteArrayList<>();
        try (DectrisReceiver receiver = new DectrisReceiver("tcp://127.0.0.1:" + port, new int[] { 2, 3 }, pool, sink,
                problems::add)
                .start()) {
            Process sender = new ProcessBuilder("/usr/bin/python3", script.toString(), String.valueOf(port),
                    folder.resolve("frames.u16").toString()).redirectErrorStream(true).start();
            assertTrue(sender.waitFor(60, TimeUnit.SECONDS), "the sender finished");
            assertEquals("sent", new String(sender.getInputStream().readAllBytes()).strip());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (receiver.statistics().disconnectsMidSeries() == 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            DectrisReceiver.Statistics stats = receiver.statistics();
            assertEquals(13, stats.messages());
            assertEquals(7, stats.images(), "6 of series 1 and 1 of series 2");
            assertEquals(1, stats.malformed());
            assertEquals(1, stats.outsideSeries());
            assertEquals(1, stats.otherSeries());
            assertEquals(1, stats.seriesCompleted());
            assertEquals(1, stats.disconnectsMidSeries(), problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.startsWith("message 6 skipped: malformed CBOR")), problems.toString());
            assertTrue(problems.contains("image 0 belongs to series 9, not to series 1 under way"), problems.toString());
            assertEquals(List.of("start dectris-1-s1", "end dectris-1-s1", "start dectris-2-s2", "cut dectris-2-s2"),
                    sink.events, "a series cut short by a disconnect is told apart from one that ended");
            assertArrayEquals(new int[] { 2, 3 }, sink.started.get(0).scanShape());
        }

        ByteBuffer expected = ByteBuffer.wrap(Files.readAllBytes(folder.resolve("frames.u16")));
        for (int i = 0; i < 6; i++) {
            Frame frame = received.get(i);
            assertEquals(i, frame.header().frameIndex());
            assertArrayEquals(new int[] { i / 3, i % 3 }, frame.header().scanPosition(), "position in the 2x3 scan");
            byte[] pixels = new byte[64 * 64 * 2];
            if (i < 3) {
                assertEquals(Codec.NONE, frame.header().codec());
                frame.payload().get(pixels);
            } else {
                assertEquals(Codec.BSLZ4, frame.header().codec(), "compressed frames stay compressed");
                ByteBuffer decoded = ByteBuffer.wrap(pixels);
                Bslz4.decode(frame.payload(), decoded, 2);
            }
            byte[] want = new byte[pixels.length];
            expected.get(i * pixels.length, want);
            assertArrayEquals(want, pixels, "frame " + i);
        }
        received.forEach(Frame::release);
        assertEquals(0, pool.statistics().inUseBytes());
    }
}
