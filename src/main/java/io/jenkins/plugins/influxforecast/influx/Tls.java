package io.jenkins.plugins.influxforecast.influx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS settings: the JVM's trust store, or only the CAs of a PEM file (as curl's --cacert). Always verifying. */
final class Tls {

    private Tls() {
    }

    static SSLContext sslContext(Path caFile) {
        try {
            if (caFile == null) {
                return SSLContext.getDefault();
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new javax.net.ssl.TrustManager[] {trustManager(caFile)}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** The trust manager for a CA file, or the JVM's default one for null. */
    static javax.net.ssl.X509TrustManager trustManager(Path caFile) {
        try {
            if (caFile == null) {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init((KeyStore) null);
                return x509(tmf);
            }
            Collection<? extends Certificate> certs;
            try (InputStream in = Files.newInputStream(caFile)) {
                certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("caFile '" + caFile + "' holds no PEM certificate");
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return x509(tmf);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("caFile '" + caFile + "' could not be read as PEM certificates: " + e.getMessage(), e);
        }
    }

    private static javax.net.ssl.X509TrustManager x509(TrustManagerFactory tmf) {
        for (javax.net.ssl.TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof javax.net.ssl.X509TrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("no X509TrustManager available");
    }
}
