package io.jenkins.plugins.influxforecast.model.arima;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The package's numerical kernels, checked against direct (slow) computations. */
class ArimaKernelsTest {

    @Test
    void expandsSeasonalPolynomials() {
        ArimaOrder o = new ArimaOrder(1, 0, 1, 1, 0, 1, 4);
        double[] par = {0.5, 0.3, 0.2, -0.6}; // ar1, ma1, sar1, sma1
        double[] phi = new double[5];
        double[] theta = new double[5];
        ArmaParams.expandAr(par, o, phi);
        ArmaParams.expandMa(par, o, theta);
        // (1 - 0.5B)(1 - 0.2B^4) = 1 - 0.5B - 0.2B^4 + 0.1B^5
        assertThat(phi).containsExactly(new double[] {0.5, 0, 0, 0.2, -0.1}, within(1e-15));
        // (1 + 0.3B)(1 - 0.6B^4) = 1 + 0.3B - 0.6B^4 - 0.18B^5
        assertThat(theta).containsExactly(new double[] {0.3, 0, 0, -0.6, -0.18}, within(1e-15));
    }

    @Test
    void partialAutocorrelationMapRoundTripsAndIsStationary() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            int p = 1 + rnd.nextInt(5);
            double[] raw = new double[p];
            for (int i = 0; i < p; i++) {
                raw[i] = rnd.nextGaussian();
            }
            double[] coef = new double[p];
            ArmaParams.partrans(raw, 0, p, coef);
            assertThat(ArmaParams.arStationary(coef, 0, p)).isTrue();
            double[] back = new double[p];
            ArmaParams.invPartrans(coef, 0, p, back);
            assertThat(back).containsExactly(raw, within(1e-8));
        }
    }

    @Test
    void invertsMovingAverageRoots() {
        double[] ma = {2.0};
        assertThat(ArmaParams.maInvert(ma, 0, 1)).isTrue();
        assertThat(ma[0]).isCloseTo(0.5, within(1e-12));
        // (1 + 2.5B + B^2) = (1 + 2B)(1 + 0.5B): the root -0.5 inside the circle is reflected,
        // giving (1 + 0.5B)(1 + 0.5B) = 1 + B + 0.25B^2
        double[] ma2 = {2.5, 1.0};
        assertThat(ArmaParams.maInvert(ma2, 0, 2)).isTrue();
        assertThat(ma2).containsExactly(new double[] {1.0, 0.25}, within(1e-9));
        double[] ok = {0.4};
        assertThat(ArmaParams.maInvert(ok, 0, 1)).isFalse();
    }

    @Test
    void stationaryCovarianceSolvesTheLyapunovEquation() {
        double[] phi = {0.5, 0, 0, 0.3, -0.15};
        double[] theta = {0.4, 0, -0.5};
        int p = 5;
        int q = 3;
        int r = 5;
        double[][] out = new double[r][r];
        assertThat(ArimaKalman.stationaryCovariance(phi, p, theta, q, r, out, new ArimaKalman.CovWork(p, q, r))).isTrue();
        // P = T P T' + R R'
        double[][] t = new double[r][r];
        for (int i = 0; i < r; i++) {
            t[i][0] = ArimaKalman.ph(phi, p, i + 1);
            if (i + 1 < r) {
                t[i][i + 1] = 1;
            }
        }
        double[] rv = new double[r];
        for (int i = 0; i < r; i++) {
            rv[i] = ArimaKalman.th(theta, q, i);
        }
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                double s = rv[i] * rv[j];
                for (int a = 0; a < r; a++) {
                    for (int b = 0; b < r; b++) {
                        s += t[i][a] * out[a][b] * t[j][b];
                    }
                }
                assertThat(out[i][j]).isCloseTo(s, within(1e-9));
            }
        }
    }

    @Test
    void rejectsANonStationaryArPart() {
        double[][] out = new double[1][1];
        assertThat(ArimaKalman.stationaryCovariance(new double[] {1.2}, 1, new double[0], 0, 1, out,
                new ArimaKalman.CovWork(1, 0, 1))).isFalse();
    }

    /** The exact CSS gradient (seasonal parts, regressors profiled out) matches fine central differences. */
    @Test
    void cssGradientMatchesDifferences() {
        Random rnd = new Random(11);
        int n = 160;
        double[] y = new double[n];
        double[][] xreg = new double[2][n];
        for (int t = 0; t < n; t++) {
            xreg[0][t] = 1;
            xreg[1][t] = t;
            y[t] = rnd.nextGaussian() + (t > 0 ? 0.5 * y[t - 1] : 0) + 0.05 * t + Math.sin(t * Math.PI / 3);
        }
        ArimaOrder[] orders = {new ArimaOrder(2, 0, 1, 1, 0, 1, 6), new ArimaOrder(1, 1, 2, 0, 1, 1, 6),
            new ArimaOrder(0, 0, 1, 0, 0, 0, 1), new ArimaOrder(2, 0, 0, 2, 0, 0, 6)};
        double[][] pars = {{0.4, -0.2, 0.3, 0.25, -0.4}, {0.3, -0.2, 0.1, -0.5}, {0.45}, {0.3, 0.1, 0.2, -0.15}};
        for (int c = 0; c < orders.length; c++) {
            double[][] x = orders[c].d() + orders[c].sd() == 0 ? xreg : null;
            ArimaProblem prob = new ArimaProblem(y, x, orders[c]);
            double[] par = pars[c];
            double[] grad = new double[par.length];
            double value = prob.cssWithGradient(par, grad);
            assertThat(value).isCloseTo(prob.css(par), within(1e-14));
            for (int i = 0; i < par.length; i++) {
                double[] up = par.clone();
                double[] down = par.clone();
                up[i] += 1e-6;
                down[i] -= 1e-6;
                double numeric = (prob.css(up) - prob.css(down)) / 2e-6;
                assertThat(grad[i]).as(orders[c] + " coefficient " + i).isCloseTo(numeric, within(1e-6));
            }
        }
    }

    /** The Chandrasekhar filter gives the likelihood of the textbook O(r^2) Kalman filter. */
    @Test
    void fastFilterEqualsTheFullKalmanFilter() {
        ArimaOrder o = new ArimaOrder(1, 0, 1, 0, 0, 1, 12);
        Random rnd = new Random(7);
        int n = 300;
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = rnd.nextGaussian() + (t > 0 ? 0.6 * y[t - 1] : 0);
        }
        double[] par = {0.6, 0.3, -0.5};
        ArimaProblem prob = new ArimaProblem(y, null, o);
        double fast = prob.ml(par);
        double slow = fullKalman(y, par, o);
        assertThat(fast).isCloseTo(slow, within(1e-10));
    }

    private static double fullKalman(double[] y, double[] par, ArimaOrder o) {
        int pf = o.arLength();
        int qf = o.maLength();
        int r = Math.max(pf, qf + 1);
        double[] phi = new double[pf];
        double[] theta = new double[qf];
        ArmaParams.expandAr(par, o, phi);
        ArmaParams.expandMa(par, o, theta);
        double[][] p = new double[r][r];
        ArimaKalman.stationaryCovariance(phi, pf, theta, qf, r, p, new ArimaKalman.CovWork(pf, qf, r));
        double[][] t = new double[r][r];
        for (int i = 0; i < r; i++) {
            t[i][0] = ArimaKalman.ph(phi, pf, i + 1);
            if (i + 1 < r) {
                t[i][i + 1] = 1;
            }
        }
        double[] rv = new double[r];
        for (int i = 0; i < r; i++) {
            rv[i] = ArimaKalman.th(theta, qf, i);
        }
        double[] a = new double[r];
        double ssq = 0;
        double sumlog = 0;
        for (double yt : y) {
            double f = p[0][0];
            double v = yt - a[0];
            ssq += v * v / f;
            sumlog += Math.log(f);
            // filtered
            double[] af = new double[r];
            double[][] pf2 = new double[r][r];
            for (int i = 0; i < r; i++) {
                af[i] = a[i] + p[i][0] * v / f;
                for (int j = 0; j < r; j++) {
                    pf2[i][j] = p[i][j] - p[i][0] * p[0][j] / f;
                }
            }
            // predicted
            double[] an = new double[r];
            double[][] pn = new double[r][r];
            for (int i = 0; i < r; i++) {
                for (int k = 0; k < r; k++) {
                    an[i] += t[i][k] * af[k];
                }
            }
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < r; j++) {
                    double s = rv[i] * rv[j];
                    for (int k = 0; k < r; k++) {
                        for (int l = 0; l < r; l++) {
                            s += t[i][k] * pf2[k][l] * t[j][l];
                        }
                    }
                    pn[i][j] = s;
                }
            }
            a = an;
            p = pn;
        }
        int n = y.length;
        return 0.5 * (Math.log(ssq / n) + sumlog / n);
    }
}
