package io.jenkins.plugins.influxforecast.model.fft;

import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * The discrete Fourier transform of a real sequence of any length,
 * {@code X_k = sum_t x_t exp(-2 pi i k t / n)} (numpy's convention). Powers of two go straight to
 * commons-math3's radix-2 FFT; other lengths use Bluestein's chirp-z algorithm, which rewrites the
 * transform as a convolution computed with power-of-two FFTs, so every length costs O(n log n) and
 * the result is the DFT up to floating-point rounding (no padding of the data, no resampling).
 */
final class Dft {

    private static final FastFourierTransformer FFT = new FastFourierTransformer(DftNormalization.STANDARD);

    private Dft() {
    }

    /** {re[], im[]} of the DFT of x. */
    static double[][] forward(double[] x) {
        int n = x.length;
        if (n == 0) {
            return new double[][] {new double[0], new double[0]};
        }
        if (Integer.bitCount(n) == 1) {
            Complex[] c = FFT.transform(x, TransformType.FORWARD);
            return split(c, n);
        }
        // chirp w_k = exp(-i pi k^2 / n); k^2 taken mod 2n so the angle stays accurate for large k
        double[] wr = new double[n];
        double[] wi = new double[n];
        long twoN = 2L * n;
        for (int k = 0; k < n; k++) {
            long k2 = ((long) k * k) % twoN;
            double angle = Math.PI * k2 / n;
            wr[k] = Math.cos(angle);
            wi[k] = -Math.sin(angle);
        }
        int size = Integer.highestOneBit(2 * n - 1);
        if (size < 2 * n - 1) {
            size <<= 1;
        }
        // a_t = x_t w_t; b_k = conj(w_|k|) for |k| < n, wrapped around
        double[] ar = new double[size];
        double[] ai = new double[size];
        for (int t = 0; t < n; t++) {
            ar[t] = x[t] * wr[t];
            ai[t] = x[t] * wi[t];
        }
        double[] br = new double[size];
        double[] bi = new double[size];
        br[0] = wr[0];
        bi[0] = -wi[0];
        for (int k = 1; k < n; k++) {
            br[k] = wr[k];
            bi[k] = -wi[k];
            br[size - k] = wr[k];
            bi[size - k] = -wi[k];
        }
        double[][] fa = {ar, ai};
        double[][] fb = {br, bi};
        FastFourierTransformer.transformInPlace(fa, DftNormalization.STANDARD, TransformType.FORWARD);
        FastFourierTransformer.transformInPlace(fb, DftNormalization.STANDARD, TransformType.FORWARD);
        for (int i = 0; i < size; i++) {
            double r = fa[0][i] * fb[0][i] - fa[1][i] * fb[1][i];
            double im = fa[0][i] * fb[1][i] + fa[1][i] * fb[0][i];
            fa[0][i] = r;
            fa[1][i] = im;
        }
        FastFourierTransformer.transformInPlace(fa, DftNormalization.STANDARD, TransformType.INVERSE);
        double[] re = new double[n];
        double[] im = new double[n];
        for (int k = 0; k < n; k++) {
            double cr = fa[0][k];
            double ci = fa[1][k];
            re[k] = cr * wr[k] - ci * wi[k];
            im[k] = cr * wi[k] + ci * wr[k];
        }
        return new double[][] {re, im};
    }

    /** The direct O(n^2) sum, for tests and tiny inputs. */
    static double[][] direct(double[] x) {
        int n = x.length;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int k = 0; k < n; k++) {
            double sr = 0;
            double si = 0;
            for (int t = 0; t < n; t++) {
                long kt = ((long) k * t) % n;
                double angle = -2 * Math.PI * kt / n;
                sr += x[t] * Math.cos(angle);
                si += x[t] * Math.sin(angle);
            }
            re[k] = sr;
            im[k] = si;
        }
        return new double[][] {re, im};
    }

    private static double[][] split(Complex[] c, int n) {
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = c[i].getReal();
            im[i] = c[i].getImaginary();
        }
        return new double[][] {re, im};
    }
}
