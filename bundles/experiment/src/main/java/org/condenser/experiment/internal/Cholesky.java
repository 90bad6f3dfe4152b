package org.condenser.experiment.internal;

/** Cholesky factors of symmetric positive-definite matrices, and what is solved with them. */
final class Cholesky {

    private Cholesky() {
    }

    /**
     * The lower-triangular L with L L^T = a.
     *
     * @throws IllegalArgumentException when a is not positive definite
     */
    static double[][] factor(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                double[] li = l[i];
                double[] lj = l[j];
                for (int k = 0; k < j; k++) {
                    s -= li[k] * lj[k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalArgumentException("the matrix is not positive definite (pivot " + i + " is " + s + ")");
                    }
                    li[i] = Math.sqrt(s);
                } else {
                    li[j] = s / lj[j];
                }
            }
        }
        return l;
    }

    /** x with L L^T x = b. */
    static double[] solve(double[][] l, double[] b) {
        int n = b.length;
        double[] y = forward(l, b);
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    /** y with L y = b. */
    static double[] forward(double[][] l, double[] b) {
        int n = b.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            double[] li = l[i];
            for (int k = 0; k < i; k++) {
                s -= li[k] * y[k];
            }
            y[i] = s / li[i];
        }
        return y;
    }

    /** (L L^T)^-1, from the inverse of L. */
    static double[][] inverse(double[][] l) {
        int n = l.length;
        // columns of L^-1, by forward substitution of the unit vectors
        double[][] li = new double[n][n];
        for (int col = 0; col < n; col++) {
            li[col][col] = 1 / l[col][col];
            for (int i = col + 1; i < n; i++) {
                double s = 0;
                double[] lrow = l[i];
                for (int k = col; k < i; k++) {
                    s -= lrow[k] * li[k][col];
                }
                li[i][col] = s / lrow[i];
            }
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = i; k < n; k++) {
                    s += li[k][i] * li[k][j];
                }
                out[i][j] = out[j][i] = s;
            }
        }
        return out;
    }
}
