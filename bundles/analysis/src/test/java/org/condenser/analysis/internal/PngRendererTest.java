package org.condenser.analysis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;
import org.condenser.testing.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results drawn as PNG: read back by ImageIO and by matplotlib. */
class PngRendererTest {

    @TempDir
    Path folder;

    @Test
    void anImageGetsAScaleBarOfARoundLengthAndASpectrumAPlot() throws Exception {
        float[] values = new float[32 * 48];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 48) * 10 + i / 48; // a ramp: left dark, right bright
        }
        DataArray image = DataArray.ofFloats("virtual adf", values, "counts",
                List.of(new Axis("scan y", "m", 0, 0.2e-9, 32), new Axis("scan x", "m", 0, 0.2e-9, 48)), Map.of());
        BufferedImage drawn = ImageIO.read(new ByteArrayInputStream(PngRenderer.render(image)));
        assertEquals(48 * 6, drawn.getWidth(), "scaled by whole pixels to at least 256 across");
        assertEquals(32 * 6, drawn.getHeight());
        // 48 px of 0.2 nm: a fifth is 1.92 nm, so the bar is 1 nm = 5 scan px = 30 image px, white, bottom left
        int bar = 0;
        int row = -1;
        for (int y = drawn.getHeight() - 1; y > drawn.getHeight() / 2 && row < 0; y--) {
            if ((drawn.getRGB(20, y) & 0xFFFFFF) == 0xFFFFFF && (drawn.getRGB(10, y) & 0xFFFFFF) == 0xFFFFFF) {
                row = y;
            }
        }
        assertTrue(row > 0, "a white bar near the bottom");
        for (int x = 0; x < drawn.getWidth() / 2; x++) { // the ramp's bright right half is white too
            bar += (drawn.getRGB(x, row) & 0xFFFFFF) == 0xFFFFFF ? 1 : 0;
        }
        assertEquals(30, bar, "1 nm at 6 image px per 0.2 nm");
        assertEquals("1 nm", Units.length(1e-9, "m"));
        assertEquals("500 pm", Units.length(5e-10, "m"));

        float[] counts = new float[200];
        for (int c = 0; c < counts.length; c++) {
            counts[c] = (float) (1000 * Math.exp(-c / 40.0) + (Math.abs(c - 120) < 5 ? 300 : 0));
        }
        DataArray spectrum = DataArray.ofFloats("sum spectrum", counts, "counts",
                List.of(new Axis("energy loss", "eV", 250, 0.5, 200)), Map.of());
        Path png = Files.write(folder.resolve("spectrum.png"), PngRenderer.render(spectrum));
        Path picture = Files.write(folder.resolve("image.png"), PngRenderer.render(image));
        assertEquals("(360, 640, 3) (192, 288, 3)", ExternalTools.python("""
                import sys, matplotlib
                matplotlib.use('Agg')
                import matplotlib.image as mpimg
                print(mpimg.imread(sys.argv[1]).shape, mpimg.imread(sys.argv[2]).shape)
                """, png.toString(), picture.toString()));

        DataArray com = DataArray.ofFloats("centre of mass", new float[2 * 4 * 4], "px",
                List.of(new Axis("component (x, y)", "", 0, 1, 2), new Axis("scan y", "px", 0, 1, 4),
                        new Axis("scan x", "px", 0, 1, 4)), Map.of());
        assertEquals(2 * 256, ImageIO.read(new ByteArrayInputStream(PngRenderer.render(com))).getWidth(),
                "x and y side by side");
        DataArray fourD = DataArray.ofFloats("4d", new float[16], "", List.of(new Axis("a", "", 0, 1, 2),
                new Axis("b", "", 0, 1, 2), new Axis("c", "", 0, 1, 2), new Axis("d", "", 0, 1, 2)), Map.of());
        assertEquals("4d has 4 dimensions; a picture shows 1, 2 or a few 2-D panels",
                assertThrows(IllegalArgumentException.class, () -> PngRenderer.render(fourD)).getMessage());
    }
}
