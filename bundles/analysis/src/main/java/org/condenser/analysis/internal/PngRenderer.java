package org.condenser.analysis.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;

/**
 * Renders results for people: a 2-D array as a grey image (contrast from the 0.5th to the 99.5th
 * percentile, so a few hot pixels do not wash it out) with a scale bar in the axes' unit; a
 * stack of 2-D arrays (centre-of-mass x and y) as panels side by side; a 1-D array as a line plot
 * with its axis and unit.
 */
final class PngRenderer {

    private static final int PLOT_WIDTH = 640;
    private static final int PLOT_HEIGHT = 360;
    private static final int MIN_IMAGE = 256;

    private PngRenderer() {
    }

    static byte[] render(DataArray array) {
        int[] shape = array.shape();
        BufferedImage image = switch (shape.length) {
            case 1 -> plot(array);
            case 2 -> panel(array, 0, shape[0], shape[1]);
            case 3 -> panels(array, shape);
            default -> throw new IllegalArgumentException(array.name() + " has " + shape.length
                    + " dimensions; a picture shows 1, 2 or a few 2-D panels");
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static BufferedImage panels(DataArray array, int[] shape) {
        if (shape[0] > 4) {
            throw new IllegalArgumentException(array.name() + " stacks " + shape[0] + " images; at most 4 are drawn side by side");
        }
        BufferedImage first = panel(array, 0, shape[1], shape[2]);
        BufferedImage all = new BufferedImage(first.getWidth() * shape[0], first.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.drawImage(first, 0, 0, null);
        for (int k = 1; k < shape[0]; k++) {
            g.drawImage(panel(array, k, shape[1], shape[2]), k * first.getWidth(), 0, null);
        }
        g.dispose();
        return all;
    }

    /** Panel {@code k} of {@code height x width} values, scaled up by whole pixels to at least 256 across. */
    private static BufferedImage panel(DataArray array, int k, int height, int width) {
        int n = height * width;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = array.getDouble((long) k * n + i);
        }
        double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        double low = finite.length == 0 ? 0 : finite[(int) (0.005 * (finite.length - 1))];
        double high = finite.length == 0 ? 1 : finite[(int) Math.ceil(0.995 * (finite.length - 1))];
        double range = high > low ? high - low : 1;
        int zoom = Math.max(1, (MIN_IMAGE + Math.max(height, width) - 1) / Math.max(height, width));
        BufferedImage image = new BufferedImage(width * zoom, height * zoom, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = values[y * width + x];
                int grey = Double.isFinite(v) ? (int) Math.round(255 * Math.min(1, Math.max(0, (v - low) / range))) : 0;
                int rgb = Double.isFinite(v) ? grey * 0x010101 : 0x800000; // no value (NaN) shows dark red
                for (int dy = 0; dy < zoom; dy++) {
                    for (int dx = 0; dx < zoom; dx++) {
                        image.setRGB(x * zoom + dx, y * zoom + dy, rgb);
                    }
                }
            }
        }
        List<Axis> axes = array.axes();
        scaleBar(image, axes.get(axes.size() - 1), width, zoom);
        return image;
    }

    /** A white bar of a round length (1, 2 or 5 times a power of ten) about a fifth of the width, labelled. */
    private static void scaleBar(BufferedImage image, Axis x, int width, int zoom) {
        double step = Math.abs(x.step());
        if (!(step > 0) || x.unit() == null || x.unit().isBlank()) {
            return;
        }
        double target = width * step / 5;
        double power = Math.pow(10, Math.floor(Math.log10(target)));
        double length = target / power >= 5 ? 5 * power : target / power >= 2 ? 2 * power : power;
        int pixels = (int) Math.round(length / step * zoom);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        int thick = Math.max(3, image.getHeight() / 60);
        int margin = Math.max(6, image.getWidth() / 30);
        int y = image.getHeight() - margin - thick;
        g.setColor(Color.BLACK);
        g.fillRect(margin - 2, y - 2, pixels + 4, thick + 4);
        g.setColor(Color.WHITE);
        g.fillRect(margin, y, pixels, thick);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(11, image.getHeight() / 22)));
        String label = Units.length(length, x.unit());
        FontMetrics metrics = g.getFontMetrics();
        // on a dark box, so the label reads on bright specimen as on vacuum
        g.setColor(Color.BLACK);
        g.fillRect(margin - 2, y - 6 - metrics.getAscent(), metrics.stringWidth(label) + 4, metrics.getAscent() + 4);
        g.setColor(Color.WHITE);
        g.drawString(label, margin, y - 4);
        g.dispose();
    }

    private static BufferedImage plot(DataArray array) {
        Axis axis = array.axes().get(0);
        int n = array.shape()[0];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = array.getDouble(i);
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (!(max > min)) {
            max = min + 1;
        }
        BufferedImage image = new BufferedImage(PLOT_WIDTH, PLOT_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, PLOT_WIDTH, PLOT_HEIGHT);
        int left = 70;
        int right = PLOT_WIDTH - 20;
        int top = 30;
        int bottom = PLOT_HEIGHT - 50;
        g.setColor(Color.BLACK);
        g.drawRect(left, top, right - left, bottom - top);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics metrics = g.getFontMetrics();
        double first = axis.offset();
        double last = axis.offset() + axis.step() * (n - 1);
        String xLabel = axis.name() + (axis.unit() == null || axis.unit().isBlank() ? "" : " (" + axis.unit() + ")");
        g.drawString(xLabel, (left + right - metrics.stringWidth(xLabel)) / 2, PLOT_HEIGHT - 12);
        g.drawString(format(first), left, bottom + 16);
        g.drawString(format(last), right - metrics.stringWidth(format(last)), bottom + 16);
        g.drawString(format(max), 4, top + 10);
        g.drawString(format(min), 4, bottom);
        g.drawString(array.name() + (array.unit() == null || array.unit().isBlank() ? "" : " (" + array.unit() + ")"), left,
                top - 10);
        g.setColor(new Color(0x1f, 0x4e, 0x9c));
        g.setStroke(new BasicStroke(1.5f));
        int previousX = -1;
        int previousY = -1;
        for (int i = 0; i < n; i++) {
            double v = array.getDouble(i);
            if (!Double.isFinite(v)) {
                previousX = -1;
                continue;
            }
            int px = left + (int) Math.round((right - left) * (n == 1 ? 0.5 : i / (double) (n - 1)));
            int py = bottom - (int) Math.round((bottom - top) * (v - min) / (max - min));
            if (previousX >= 0) {
                g.drawLine(previousX, previousY, px, py);
            }
            previousX = px;
            previousY = py;
        }
        g.dispose();
        return image;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, Math.abs(value) >= 1e4 || (value != 0 && Math.abs(value) < 1e-2) ? "%.3g" : "%.4g",
                value);
    }
}
