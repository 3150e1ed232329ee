package io.jenkins.plugins.influxforecast.model.arima;

/**
 * The orders of a seasonal ARIMA(p,d,q)(P,D,Q)[m] model; {@code m = 1} (or P = D = Q = 0) is
 * non-seasonal.
 */
public record ArimaOrder(int p, int d, int q, int sp, int sd, int sq, int m) {

    public ArimaOrder {
        if (p < 0 || d < 0 || q < 0 || sp < 0 || sd < 0 || sq < 0) {
            throw new IllegalArgumentException("ARIMA orders must be >= 0, got " + text(p, d, q, sp, sd, sq, m));
        }
        if (m < 1) {
            throw new IllegalArgumentException("ARIMA season must be >= 1, got " + m);
        }
        if (m == 1) {
            sp = 0;
            sd = 0;
            sq = 0;
        }
    }

    public static ArimaOrder of(int p, int d, int q) {
        return new ArimaOrder(p, d, q, 0, 0, 0, 1);
    }

    public boolean seasonal() {
        return m > 1 && (sp + sd + sq) > 0;
    }

    /** Length of the expanded AR polynomial: p + m P. */
    public int arLength() {
        return p + m * sp;
    }

    /** Length of the expanded MA polynomial: q + m Q. */
    public int maLength() {
        return q + m * sq;
    }

    /** Observations lost to differencing: d + m D. */
    public int diffLength() {
        return d + m * sd;
    }

    /** Number of ARMA coefficients estimated: p + q + P + Q. */
    public int armaCount() {
        return p + q + sp + sq;
    }

    public ArimaOrder withArma(int np, int nq, int nsp, int nsq) {
        return new ArimaOrder(np, d, nq, nsp, sd, nsq, m);
    }

    @Override
    public String toString() {
        return text(p, d, q, sp, sd, sq, m);
    }

    private static String text(int p, int d, int q, int sp, int sd, int sq, int m) {
        String s = "ARIMA(" + p + "," + d + "," + q + ")";
        if (m > 1 && sp + sd + sq > 0) {
            s += "(" + sp + "," + sd + "," + sq + ")[" + m + "]";
        }
        return s;
    }
}
