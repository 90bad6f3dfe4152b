package org.condenser.experiment.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class GaussianProcessTest {

    /** A 40 x 40 grid over the unit square, position only. */
    private static double[][] grid(int n) {
        double[][] inputs = new double[n * n][];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                inputs[i * n + j] = new double[] { (i + 0.5) / n, (j + 0.5) / n };
            }
        }
        return inputs;
    }

    private static double smooth(double[] p) {
        return 3 + Math.sin(6 * p[0]) * Math.cos(4 * p[1]);
    }

    @Test
    void learnsASmoothMapFromAFewPercentOfItsPoints() {
        double[][] inputs = grid(40);
        GaussianProcess model = new GaussianProcess(inputs, 2, 7);
        int[] order = RandomPolicy.permutation(inputs.length, new SplittableRandom(3));
        for (int k = 0; k < 80; k++) {
            model.add(order[k], smooth(inputs[order[k]]));
        }
        double residual = 0;
        double total = 0;
        double mean = 3;
        for (int c = 0; c < inputs.length; c++) {
            double truth = smooth(inputs[c]);
            residual += Math.pow(model.mean(c) - truth, 2);
            total += Math.pow(truth - mean, 2);
        }
        double r2 = 1 - residual / total;
        assertTrue(r2 > 0.98, "R² " + r2 + " from 5% of the points of a smooth map");
        // where it measured it is sure; far from every measurement it is not
        assertTrue(model.sd(order[0]) < 0.1, "sd at a measured point " + model.sd(order[0]));
    }

    @Test
    void incrementalUpdatesAgreeWithARebuild() {
        double[][] inputs = grid(20);
        GaussianProcess model = new GaussianProcess(inputs, 2, 1);
        int[] order = RandomPolicy.permutation(inputs.length, new SplittableRandom(5));
        // past the always-refit start, additions between refits are incremental
        for (int k = 0; k < 15; k++) {
            model.add(order[k], smooth(inputs[order[k]]));
        }
        double[] incremental = new double[inputs.length];
        double[] sd = new double[inputs.length];
        for (int c = 0; c < inputs.length; c++) {
            incremental[c] = model.mean(c);
            sd[c] = model.sd(c);
        }
        model.rebuild();
        for (int c = 0; c < inputs.length; c++) {
            assertEquals(model.mean(c), incremental[c], 1e-4, "mean at " + c);
            assertEquals(model.sd(c), sd[c], 1e-4, "sd at " + c);
        }
    }

    @Test
    void theLikelihoodGradientIsTheLikelihoodsSlope() {
        double[][] inputs = new double[30][];
        SplittableRandom random = new SplittableRandom(11);
        double[] z = new double[30];
        for (int i = 0; i < 30; i++) {
            inputs[i] = new double[] { random.nextDouble(), random.nextDouble(), random.nextDouble() * 2 - 1 };
            z[i] = Math.sin(5 * inputs[i][0]) + 0.5 * inputs[i][2] + 0.1 * random.nextDouble();
        }
        GaussianProcess model = new GaussianProcess(inputs, 2, 1);
        double[] theta = { Math.log(0.7), Math.log(0.4), Math.log(0.05), Math.log(0.3), Math.log(0.2), Math.log(1.5) };
        model.theta(theta);
        double[] gradient = new double[theta.length];
        model.likelihood(inputs, z, gradient);
        double h = 1e-5;
        for (int k = 0; k < theta.length; k++) {
            double[] up = theta.clone();
            up[k] += h;
            double[] down = theta.clone();
            down[k] -= h;
            model.theta(up);
            double above = model.likelihood(inputs, z, new double[theta.length]);
            model.theta(down);
            double below = model.likelihood(inputs, z, new double[theta.length]);
            assertEquals((above - below) / (2 * h), gradient[k], 1e-4 * Math.max(1, Math.abs(gradient[k])), "d/dtheta " + k);
        }
    }

    @Test
    void choleskySolvesAndInverts() {
        double[][] a = { { 4, 2, 0.4 }, { 2, 5, 1 }, { 0.4, 1, 3 } };
        double[][] l = Cholesky.factor(a);
        double[] x = Cholesky.solve(l, new double[] { 1, 2, 3 });
        for (int i = 0; i < 3; i++) {
            double s = 0;
            for (int j = 0; j < 3; j++) {
                s += a[i][j] * x[j];
            }
            assertEquals(i + 1, s, 1e-12);
        }
        double[][] inverse = Cholesky.inverse(l);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += a[i][k] * inverse[k][j];
                }
                assertEquals(i == j ? 1 : 0, s, 1e-12);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Cholesky.factor(new double[][] { { 1, 2 }, { 2, 1 } }));
    }

    @Test
    void eigenvectorsOfASymmetricMatrix() {
        double[][] a = { { 2, 1, 0 }, { 1, 2, 0 }, { 0, 0, 5 } };
        SymmetricEigen eigen = new SymmetricEigen(a);
        assertArrayEquals(new double[] { 5, 3, 1 }, eigen.values, 1e-10);
        double[] v = eigen.vectors[1];
        assertEquals(Math.abs(v[0]), Math.abs(v[1]), 1e-10);
        assertEquals(1 / Math.sqrt(2), Math.abs(v[0]), 1e-10);
    }
}
