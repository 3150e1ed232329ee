package io.jenkins.plugins.influxforecast.influx;

/** The InfluxDB major version a connection talks to; it decides the endpoints and the authentication. */
public enum InfluxVersion {
    /** InfluxDB 1.x: InfluxQL on /query, line protocol on /write, username and password (Basic). */
    V1,
    /** InfluxDB 2.x: Flux and writes through influxdb-client-java (org, bucket, token); InfluxQL via /query (v1 compatibility). */
    V2,
    /** InfluxDB 3.x: InfluxQL on /query (v1 compatibility) and line protocol on /api/v2/write, with a token. */
    V3;

    /** Parses {@code 1}, {@code 2}, {@code 3} (also {@code 1.x}, {@code v2}...). */
    public static InfluxVersion parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("v")) {
            t = t.substring(1);
        }
        if (t.endsWith(".x")) {
            t = t.substring(0, t.length() - 2);
        }
        return switch (t) {
            case "1" -> V1;
            case "2" -> V2;
            case "3" -> V3;
            default -> throw new IllegalArgumentException("influxVersion must be 1, 2 or 3, got '" + text + "'");
        };
    }

    /** 1, 2 or 3. */
    public int number() {
        return ordinal() + 1;
    }
}
