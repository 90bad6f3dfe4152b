package org.condenser.driver.sim.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.condenser.driver.sim.Atom;

/**
 * A seeded, deterministic specimen: a graphene-like honeycomb lattice of carbon over a square area,
 * ending at a wavy edge, with vacancies and substitutional dopants (silicon, nitrogen). Atoms are
 * indexed in a grid of cells so the renderers find the neighbours of a point quickly.
 *
 * <p>Immutable once built.
 */
final class Specimen {

    static final int CARBON = 6;
    static final int NITROGEN = 7;
    static final int SILICON = 14;

    private final double size;
    private final double cell;
    private final int cells;
    private final double[] x;
    private final double[] y;
    private final int[] z;
    /** Atoms sorted by cell; {@code cellStart[c]} .. {@code cellStart[c + 1]} are those in cell c. */
    private final int[] cellStart;
    private final double edgeBase;
    private final double edgeAmplitude;
    private final double edgeWavelength;
    private final double edgePhase;

    Specimen(long seed, double size, double latticeConstant, double vacancyFraction, double siliconFraction,
            double nitrogenFraction) {
        SplittableRandom random = new SplittableRandom(seed);
        this.size = size;
        // The edge runs through the middle of the default field of view, so a first image shows lattice and vacuum.
        this.edgeBase = size * 0.01;
        this.edgeAmplitude = size * 0.03;
        this.edgeWavelength = size * (0.3 + 0.2 * random.nextDouble());
        this.edgePhase = 2 * Math.PI * random.nextDouble();
        // Honeycomb: a hexagonal Bravais lattice with a two-atom basis, C-C distance a / sqrt(3).
        double a = latticeConstant;
        double[] a1 = { a, 0 };
        double[] a2 = { a / 2, a * Math.sqrt(3) / 2 };
        double[][] basis = { { 0, 0 }, { a / 2, a / (2 * Math.sqrt(3)) } };
        double half = size / 2;
        int rows = (int) Math.ceil(size / a2[1]) + 2;
        int columns = (int) Math.ceil(size / a) + rows + 2;
        List<double[]> kept = new ArrayList<>();
        List<Integer> kinds = new ArrayList<>();
        for (int i = -2; i < rows; i++) {
            for (int j = -rows - 2; j < columns; j++) {
                for (double[] b : basis) {
                    double px = -half + j * a1[0] + i * a2[0] + b[0];
                    double py = -half + j * a1[1] + i * a2[1] + b[1];
                    if (px < -half || px >= half || py < -half || py >= half || px > edgeX(py)) {
                        continue;
                    }
                    double draw = random.nextDouble();
                    if (draw < vacancyFraction) {
                        continue;
                    }
                    draw -= vacancyFraction;
                    int kind = draw < siliconFraction ? SILICON
                            : draw < siliconFraction + nitrogenFraction ? NITROGEN : CARBON;
                    kept.add(new double[] { px, py });
                    kinds.add(kind);
                }
            }
        }
        this.cell = Math.max(latticeConstant, 0.25e-9);
        this.cells = (int) Math.ceil(size / cell);
        int n = kept.size();
        int[] counts = new int[cells * cells + 1];
        int[] cellOf = new int[n];
        for (int k = 0; k < n; k++) {
            cellOf[k] = cellIndex(kept.get(k)[0], kept.get(k)[1]);
            counts[cellOf[k] + 1]++;
        }
        for (int c = 0; c < cells * cells; c++) {
            counts[c + 1] += counts[c];
        }
        this.cellStart = counts.clone();
        int[] next = counts.clone();
        this.x = new double[n];
        this.y = new double[n];
        this.z = new int[n];
        for (int k = 0; k < n; k++) {
            int at = next[cellOf[k]]++;
            x[at] = kept.get(k)[0];
            y[at] = kept.get(k)[1];
            z[at] = kinds.get(k);
        }
    }

    private int cellIndex(double px, double py) {
        int cx = Math.min(cells - 1, Math.max(0, (int) ((px + size / 2) / cell)));
        int cy = Math.min(cells - 1, Math.max(0, (int) ((py + size / 2) / cell)));
        return cy * cells + cx;
    }

    double size() {
        return size;
    }

    /** The x beyond which there is vacuum, at height y. */
    double edgeX(double py) {
        return edgeBase + edgeAmplitude * Math.sin(2 * Math.PI * py / edgeWavelength + edgePhase);
    }

    /** Distance from a point to the edge, approximately (horizontal distance); negative in vacuum. */
    double depthInside(double px, double py) {
        if (Math.abs(px) > size / 2 || Math.abs(py) > size / 2) {
            return -1;
        }
        return edgeX(py) - px;
    }

    int atomCount() {
        return x.length;
    }

    List<Atom> atoms() {
        List<Atom> atoms = new ArrayList<>(x.length);
        for (int k = 0; k < x.length; k++) {
            atoms.add(new Atom(x[k], y[k], z[k]));
        }
        return atoms;
    }

    /** Receives each atom near a point. */
    interface Visitor {
        void atom(double dx, double dy, int z);
    }

    /** Calls the visitor for every atom within radius of (px, py), with its offset from that point. */
    void near(double px, double py, double radius, Visitor visitor) {
        double half = size / 2;
        if (px < -half - radius || px > half + radius || py < -half - radius || py > half + radius) {
            return;
        }
        int x0 = Math.max(0, (int) Math.floor((px - radius + half) / cell));
        int x1 = Math.min(cells - 1, (int) Math.floor((px + radius + half) / cell));
        int y0 = Math.max(0, (int) Math.floor((py - radius + half) / cell));
        int y1 = Math.min(cells - 1, (int) Math.floor((py + radius + half) / cell));
        double r2 = radius * radius;
        for (int cy = y0; cy <= y1; cy++) {
            for (int cx = x0; cx <= x1; cx++) {
                int c = cy * cells + cx;
                for (int k = cellStart[c]; k < cellStart[c + 1]; k++) {
                    double dx = x[k] - px;
                    double dy = y[k] - py;
                    if (dx * dx + dy * dy <= r2) {
                        visitor.atom(dx, dy, z[k]);
                    }
                }
            }
        }
    }
}
