package io.jenkins.plugins.influxforecast.model.optim;

/**
 * Small dense linear algebra the models call in their inner loops without allocating: solving a
 * symmetric positive definite system in place by Cholesky, and general systems by Gaussian
 * elimination with partial pivoting.
 */
public final class LeastSquares {

    private LeastSquares() {
    }

    /**
     * Solves {@code a x = b} in place for a symmetric positive definite {@code a} (only the lower
     * triangle is read; it is overwritten by the Cholesky factor). Returns false when {@code a} is not
     * numerically positive definite.
     */
    public static boolean solveSpd(double[][] a, double[] b, int n) {
        for (int j = 0; j < n; j++) {
            double d = a[j][j];
            for (int k = 0; k < j; k++) {
                d -= a[j][k] * a[j][k];
            }
            if (!(d > 1e-12 * Math.max(1.0, Math.abs(a[j][j])))) {
                return false;
            }
            d = Math.sqrt(d);
            a[j][j] = d;
            for (int i = j + 1; i < n; i++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= a[i][k] * a[j][k];
                }
                a[i][j] = s / d;
            }
        }
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= a[i][k] * b[k];
            }
            b[i] = s / a[i][i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < n; k++) {
                s -= a[k][i] * b[k];
            }
            b[i] = s / a[i][i];
        }
        return true;
    }

    /**
     * Solves {@code a x = b} in place (a is destroyed, b receives x) for the leading n x n block.
     * Returns false when the matrix is singular to working precision.
     */
    public static boolean solve(double[][] a, double[] b, int n) {
        for (int col = 0; col < n; col++) {
            int piv = col;
            double best = Math.abs(a[col][col]);
            for (int r = col + 1; r < n; r++) {
                double v = Math.abs(a[r][col]);
                if (v > best) {
                    best = v;
                    piv = r;
                }
            }
            if (!(best > 1e-300)) {
                return false;
            }
            if (piv != col) {
                double[] tmp = a[piv];
                a[piv] = a[col];
                a[col] = tmp;
                double tb = b[piv];
                b[piv] = b[col];
                b[col] = tb;
            }
            double d = a[col][col];
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / d;
                if (f != 0) {
                    for (int c = col; c < n; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                    b[r] -= f * b[col];
                }
            }
        }
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int c = r + 1; c < n; c++) {
                s -= a[r][c] * b[c];
            }
            b[r] = s / a[r][r];
        }
        return true;
    }

    /** The inverse of a small matrix (a copy is made), or null when it is singular. */
    public static double[][] inverse(double[][] m) {
        int n = m.length;
        double[][] inv = new double[n][n];
        for (int j = 0; j < n; j++) {
            double[][] a = new double[n][];
            for (int i = 0; i < n; i++) {
                a[i] = m[i].clone();
            }
            double[] e = new double[n];
            e[j] = 1;
            if (!solve(a, e, n)) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                inv[i][j] = e[i];
            }
        }
        return inv;
    }

    /** Ordinary least squares of y on the columns of x (x[col][row]); null when x is rank deficient. */
    public static double[] ols(double[][] x, double[] y) {
        int k = x.length;
        double[][] a = new double[k][k];
        double[] b = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int t = 0; t < y.length; t++) {
                    s += x[i][t] * x[j][t];
                }
                a[i][j] = s;
                a[j][i] = s;
            }
            double s = 0;
            for (int t = 0; t < y.length; t++) {
                s += x[i][t] * y[t];
            }
            b[i] = s;
        }
        return solveSpd(a, b, k) ? b : null;
    }
}
