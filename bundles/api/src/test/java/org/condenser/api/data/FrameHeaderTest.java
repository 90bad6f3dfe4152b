package org.condenser.api.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrameHeaderTest {

    @Test
    void sizesFollowShapeAndType() {
        FrameHeader header = new FrameHeader("s1", 0, new int[] { 3, 4 }, 0, DType.UINT16, new int[] { 576, 576 },
                Codec.NONE);
        assertEquals(576L * 576, header.elements());
        assertEquals(576L * 576 * 2, header.decodedBytes());
    }

    @Test
    void arraysAreCopiedSoTheHeaderCannotChange() {
        int[] shape = { 256, 256 };
        FrameHeader header = new FrameHeader("s1", 7, null, 0, DType.UINT8, shape, Codec.BSLZ4);
        shape[0] = 1;
        header.shape()[1] = 1;
        assertArrayEquals(new int[] { 256, 256 }, header.shape());
        assertEquals(0, header.scanPosition().length);
        assertEquals(header, new FrameHeader("s1", 7, new int[0], 0, DType.UINT8, new int[] { 256, 256 },
                Codec.BSLZ4));
    }

    @Test
    void badShapesAndIndicesAreRefusedWithTheValue() {
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> new FrameHeader("s1", 0, null, 0, DType.UINT8, new int[] { 256, 0 }, Codec.NONE));
        assertTrue(shape.getMessage().contains("[256, 0]"));
        IllegalArgumentException index = assertThrows(IllegalArgumentException.class,
                () -> new FrameHeader("s1", -1, null, 0, DType.UINT8, new int[] { 1 }, Codec.NONE));
        assertTrue(index.getMessage().contains("-1"));
    }
}
