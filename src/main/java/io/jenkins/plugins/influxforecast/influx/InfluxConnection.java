package io.jenkins.plugins.influxforecast.influx;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how to reach an InfluxDB: the one connection description shared by the command line,
 * the steps and the shared library. Secrets ({@code INFLUX_PASSWORD}, {@code INFLUX_TOKEN}) come
 * from the environment only (see {@link Builder#environment}) and print as {@code ****}.
 *
 * @param url             base URL, http or https, without credentials or query (a path prefix is kept)
 * @param version         1, 2 or 3
 * @param database        1.x/3.x database; 2.x: the database name mapped for InfluxQL (v1 compatibility)
 * @param retentionPolicy 1.x retention policy, or null for the database's default
 * @param org             2.x organisation (Flux and writes)
 * @param bucket          2.x bucket (Flux and writes)
 * @param username        1.x user (also INFLUX_USERNAME), or null for no authentication
 * @param password        1.x password (INFLUX_PASSWORD), or null
 * @param token           2.x/3.x token (INFLUX_TOKEN), or null
 * @param caFile          PEM file of the certificate authorities to trust for https, instead of the
 *                        JVM's; null: the JVM's. Certificates are always verified.
 * @param proxy           the proxy settings
 * @param connectTimeout  connection timeout, 100 ms to 5 min
 * @param timeout         time allowed for one request, its retries and their waits included, until
 *                        its answer starts and between two reads of a streamed answer: a hung
 *                        server fails the run after it; 1 s to 1 h, default 2 min
 */
public record InfluxConnection(URI url, InfluxVersion version, String database, String retentionPolicy, String org,
        String bucket, String username, Secret password, Secret token, Path caFile, ProxyConfig proxy,
        Duration connectTimeout, Duration timeout) {

    public static final String ENV_USERNAME = "INFLUX_USERNAME";
    public static final String ENV_PASSWORD = "INFLUX_PASSWORD";
    public static final String ENV_TOKEN = "INFLUX_TOKEN";

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration MIN_CONNECT_TIMEOUT = Duration.ofMillis(100);
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    public InfluxConnection {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(version, "version");
        url = normaliseUrl(url);
        database = blankToNull(database);
        retentionPolicy = blankToNull(retentionPolicy);
        org = blankToNull(org);
        bucket = blankToNull(bucket);
        username = blankToNull(username);
        proxy = proxy == null ? ProxyConfig.none() : proxy;
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (connectTimeout.compareTo(MIN_CONNECT_TIMEOUT) < 0 || connectTimeout.compareTo(MAX_CONNECT_TIMEOUT) > 0) {
            throw new IllegalArgumentException("connectTimeout must be between 100ms and 5m, got " + Durations.format(connectTimeout));
        }
        if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout must be between 1s and 1h, got " + Durations.format(timeout));
        }
        if (password != null && username == null) {
            throw new IllegalArgumentException(ENV_PASSWORD + " is set but no username is given (username option or "
                    + ENV_USERNAME + ")");
        }
        if (caFile != null && !Files.isRegularFile(caFile)) {
            throw new IllegalArgumentException("caFile must be a readable PEM file, got '" + caFile + "' (not found)");
        }
        if (caFile != null && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("caFile is given but url '" + url + "' is not https");
        }
        if (version == InfluxVersion.V2 && token == null && username == null) {
            throw new IllegalArgumentException("InfluxDB 2.x needs a token: set the environment variable " + ENV_TOKEN);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static URI normaliseUrl(URI url) {
        String scheme = url.getScheme() == null ? null : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("url must start with http:// or https://, got '" + redact(url) + "'");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("url must not contain credentials (user:password@); set "
                    + ENV_USERNAME + "/" + ENV_PASSWORD + " or " + ENV_TOKEN + " instead, got '" + redact(url) + "'");
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("url has no host: '" + redact(url) + "'");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            // a query may carry InfluxDB 1.x's u=/p= credentials: never echo it
            throw new IllegalArgumentException("url must not have a query or fragment (?...#...), got '" + redact(url)
                    + "'; database, org and bucket are options of their own, credentials come from the environment");
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        try {
            return new URI(scheme + "://" + url.getRawAuthority() + path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not valid: '" + redact(url) + "'", e);
        }
    }

    /** The URL for a message: user info, query and fragment (which may hold credentials) as {@code ****}. */
    static String redact(URI url) {
        if (url.isOpaque()) {
            return url.getScheme() + ":****";
        }
        StringBuilder sb = new StringBuilder();
        if (url.getScheme() != null) {
            sb.append(url.getScheme()).append(':');
        }
        if (url.getRawAuthority() != null) {
            // with user info the authority is server-based, so host and port are known
            sb.append("//").append(url.getRawUserInfo() == null ? url.getRawAuthority()
                    : "****@" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()));
        }
        sb.append(url.getRawPath() == null ? "" : url.getRawPath());
        if (url.getRawQuery() != null) {
            sb.append("?****");
        }
        if (url.getRawFragment() != null) {
            sb.append("#****");
        }
        return sb.toString();
    }

    /** The database, or an error naming what the operation needs. */
    public String requireDatabase(String operation) {
        if (database == null) {
            throw new IllegalArgumentException(operation + " on InfluxDB " + version.number() + ".x needs a database (database option)");
        }
        return database;
    }

    public String requireOrg(String operation) {
        if (org == null) {
            throw new IllegalArgumentException(operation + " on InfluxDB 2.x needs an organisation (org option)");
        }
        return org;
    }

    public String requireBucket(String operation) {
        if (bucket == null) {
            throw new IllegalArgumentException(operation + " on InfluxDB 2.x needs a bucket (bucket option)");
        }
        return bucket;
    }

    /**
     * The value of the {@code Authorization} header, or null for none: Basic for a username and
     * password, {@code Token} for a token (2.x and 3.x).
     */
    public String authorizationHeader() {
        if (token != null && version != InfluxVersion.V1) {
            return "Token " + token.reveal();
        }
        if (username != null) {
            String pair = username + ":" + (password == null ? "" : password.reveal());
            return "Basic " + java.util.Base64.getEncoder().encodeToString(pair.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (token != null) {
            // 1.8+ accepts "Token username:password"; 1.x with a shared-secret JWT uses Bearer
            return "Token " + token.reveal();
        }
        return null;
    }

    /** Every form of this connection's credentials, for scrubbing text a server echoes ({@link Secret#forms}). */
    public java.util.List<String> secretForms() {
        return Secret.forms(username, password, token);
    }

    /** One line for the log: no secret, just where and how. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("InfluxDB ").append(version.number()).append(".x at ").append(url);
        if (database != null) {
            sb.append(", database ").append(database);
        }
        if (retentionPolicy != null) {
            sb.append(", retention policy ").append(retentionPolicy);
        }
        if (org != null) {
            sb.append(", org ").append(org);
        }
        if (bucket != null) {
            sb.append(", bucket ").append(bucket);
        }
        if (username != null) {
            sb.append(", user ").append(username);
        } else if (token != null) {
            sb.append(", token from ").append(ENV_TOKEN);
        }
        sb.append(", ").append(proxy.describe(url));
        return sb.toString();
    }

    @Override
    public String toString() {
        return "InfluxConnection[" + describe() + ", password=" + (password == null ? "none" : "****")
                + ", token=" + (token == null ? "none" : "****") + "]";
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a connection from option values and the environment (for the secrets and the proxy). */
    public static final class Builder {
        private String url;
        private String version = "1";
        private String database;
        private String retentionPolicy;
        private String org;
        private String bucket;
        private String username;
        private Secret password;
        private Secret token;
        private String caFile;
        private String proxy;
        private Map<String, String> env = Map.of();
        private Duration connectTimeout;
        private Duration timeout;

        public Builder url(String v) {
            url = v;
            return this;
        }

        public Builder version(String v) {
            version = v;
            return this;
        }

        public Builder database(String v) {
            database = v;
            return this;
        }

        public Builder retentionPolicy(String v) {
            retentionPolicy = v;
            return this;
        }

        public Builder org(String v) {
            org = v;
            return this;
        }

        public Builder bucket(String v) {
            bucket = v;
            return this;
        }

        public Builder username(String v) {
            username = v;
            return this;
        }

        public Builder caFile(String v) {
            caFile = v;
            return this;
        }

        public Builder proxy(String v) {
            proxy = v;
            return this;
        }

        public Builder connectTimeout(String v) {
            connectTimeout = v == null || v.isBlank() ? null : Durations.parse("connectTimeout", v);
            return this;
        }

        public Builder timeout(String v) {
            timeout = v == null || v.isBlank() ? null : Durations.parse("timeout", v);
            return this;
        }

        /**
         * The environment: INFLUX_PASSWORD, INFLUX_TOKEN, INFLUX_USERNAME (when no username option
         * is given), HTTPS_PROXY, HTTP_PROXY and NO_PROXY.
         */
        public Builder environment(Map<String, String> environment) {
            env = Map.copyOf(environment);
            password = Secret.ofNullable(environment.get(ENV_PASSWORD));
            token = Secret.ofNullable(environment.get(ENV_TOKEN));
            return this;
        }

        public InfluxConnection build() {
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("url is required (e.g. http://influxdb:8086)");
            }
            URI uri;
            try {
                uri = new URI(url.trim());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("url is not a valid URL: '" + url.replaceAll("//[^/@]*@", "//****@").replaceAll("[?#].*", "?****") + "'");
            }
            String user = username != null && !username.isBlank() ? username : env.get(ENV_USERNAME);
            return new InfluxConnection(uri, InfluxVersion.parse(version), database, retentionPolicy, org, bucket, user,
                    password, token, caFile == null || caFile.isBlank() ? null : Path.of(caFile),
                    ProxyConfig.from(proxy, env), connectTimeout, timeout);
        }
    }
}
