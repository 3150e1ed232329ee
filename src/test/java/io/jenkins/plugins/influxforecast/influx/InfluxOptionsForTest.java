package io.jenkins.plugins.influxforecast.influx;

import java.util.Map;

/** Builds a connection from test option values (the same keys as the commands' options). */
final class InfluxOptionsForTest {

    private InfluxOptionsForTest() {
    }

    static InfluxConnection connection(Map<String, Object> o) {
        return InfluxConnection.builder().url((String) o.get("url")).version("1").database((String) o.get("database"))
                .caFile((String) o.get("caFile")).proxy((String) o.get("proxy")).environment(Map.of()).build();
    }
}
