package io.jenkins.plugins.influxforecast.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.influxforecast.pipeline.ExtractRequest;
import io.jenkins.plugins.influxforecast.pipeline.ExtractRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tricky raw queries against a real InfluxDB 1.x: statements hidden in regular expressions,
 * strings, comments and identifiers, INTO in every position, case and white-space variants,
 * divisions. Each refused query is refused before a byte is sent (a recording server sees no
 * request) and the real server is unchanged; each accepted one runs on the real server, which is
 * unchanged afterwards. Every query that would change the server is also sent as it is to prove
 * that it does (so the corpus tests something), and the data is set up again.
 */
class ReadOnlyQueryIT {

    @RegisterExtension
    static InfluxServer server = InfluxServer.plain();

    @TempDir
    Path work;

    /** What must happen: refused before sending (and whether the text, sent raw, changes the server), or accepted. */
    enum Outcome { REFUSED, REFUSED_WRITES, ACCEPTED_READ, ACCEPTED_SERVER_REJECTS }

    record Case(String query, Outcome outcome) {
    }

    static final List<Case> CORPUS = List.of(
            // the report of issue 11: a quote inside a regular expression after FROM
            new Case("SELECT value FROM /src'/ ; DROP DATABASE victim ; SELECT value FROM /'/", Outcome.REFUSED_WRITES),
            new Case("DROP DATABASE victim", Outcome.REFUSED_WRITES),
            new Case("drop database victim", Outcome.REFUSED_WRITES),
            new Case("  \n\tDrOp   MEASUREMENT m", Outcome.REFUSED_WRITES),
            new Case("DELETE FROM m WHERE time < now()", Outcome.REFUSED_WRITES),
            new Case("CREATE DATABASE extra", Outcome.REFUSED_WRITES),
            new Case("CREATE USER intruder WITH PASSWORD 'x'", Outcome.REFUSED_WRITES),
            new Case("ALTER RETENTION POLICY autogen ON victim DURATION 2h SHARD DURATION 1h", Outcome.REFUSED_WRITES),
            new Case("CREATE CONTINUOUS QUERY cq ON victim BEGIN SELECT mean(value) INTO copy FROM m GROUP BY time(1h) END",
                    Outcome.REFUSED_WRITES),
            new Case("EXPLAIN SELECT value FROM m", Outcome.REFUSED),
            new Case("KILL QUERY 1", Outcome.REFUSED),
            // INTO in every position and spelling
            new Case("SELECT * INTO copy FROM m", Outcome.REFUSED_WRITES),
            new Case("select value into copy from m group by *", Outcome.REFUSED_WRITES),
            new Case("SELECT value\nINTO\n\"victim\".\"autogen\".\"copy\" FROM m", Outcome.REFUSED_WRITES),
            new Case("SELECT mean(value) InTo copy FROM m WHERE time > 0 GROUP BY time(1h)", Outcome.REFUSED_WRITES),
            new Case("SELECT a/2 INTO copy FROM m WHERE b = 4/2", Outcome.REFUSED_WRITES),
            new Case("SELECT value/2 INTO copy FROM m", Outcome.REFUSED_WRITES),
            new Case("SELECT value INTO\"copy\" FROM m", Outcome.REFUSED),
            new Case("SELECT value FROM m INTO copy", Outcome.REFUSED),
            new Case("INTO copy SELECT value FROM m", Outcome.REFUSED),
            new Case("SELECT value FROM (SELECT value INTO copy FROM m)", Outcome.REFUSED),
            // a second statement after every kind of literal and comment
            new Case("SELECT value FROM m;DROP MEASUREMENT m", Outcome.REFUSED_WRITES),
            new Case("SELECT value FROM m ;\n\tDELETE FROM m", Outcome.REFUSED_WRITES),
            new Case("SELECT value FROM m WHERE host = 'a' ; DROP SERIES FROM m", Outcome.REFUSED_WRITES),
            new Case("SELECT value FROM m WHERE host =~ /a/ ; CREATE DATABASE extra", Outcome.REFUSED_WRITES),
            new Case("SELECT value FROM m WHERE host =~ /a\\/b/ ; DROP MEASUREMENT m", Outcome.REFUSED_WRITES),
            new Case("SELECT value FROM m -- a comment\n; DROP MEASUREMENT m", Outcome.REFUSED_WRITES),
            new Case("SELECT value FROM m /* a comment */ ; DROP MEASUREMENT m", Outcome.REFUSED),
            new Case("SELECT value /* a comment */ FROM m ; DROP MEASUREMENT m", Outcome.REFUSED_WRITES),
            new Case("SELECT value FROM m WHERE host = '--'; DROP MEASUREMENT m", Outcome.REFUSED_WRITES),
            new Case("SELECT value FROM m WHERE host = '/*'; DROP MEASUREMENT m; SELECT value FROM m WHERE host = '*/'",
                    Outcome.REFUSED_WRITES),
            new Case("SELECT value FROM m WHERE host =~ /'/ ; DROP MEASUREMENT m ; SELECT value FROM m WHERE host =~ /'/",
                    Outcome.REFUSED_WRITES),
            new Case("SELECT value FROM m GROUP BY /ho/ ; DROP MEASUREMENT m", Outcome.REFUSED_WRITES),
            new Case("SELECT /val/ FROM m ; DROP MEASUREMENT m", Outcome.REFUSED_WRITES),
            new Case("SELECT value/2 FROM m; DROP MEASUREMENT m; SELECT value/2 FROM m", Outcome.REFUSED_WRITES),
            new Case("SHOW DATABASES; DROP DATABASE victim", Outcome.REFUSED_WRITES),
            new Case("SELECT value FROM m; SELECT a FROM m", Outcome.REFUSED),
            new Case("SELECT value FROM m WHERE host = 'open", Outcome.REFUSED),
            new Case("SELECT value FROM m WHERE host = 'a\\q'", Outcome.REFUSED),
            new Case("SELECT value FROM m /* never closed", Outcome.REFUSED),
            // statements and INTO that are only text: real reads
            new Case("SELECT value FROM m WHERE host = 'x\\' ; DROP MEASUREMENT m ; SELECT \\'y'", Outcome.ACCEPTED_READ),
            new Case("SELECT value FROM m WHERE host = \"a\\\" ; DROP MEASUREMENT m ; SELECT \\\"b\"", Outcome.ACCEPTED_READ),
            new Case("SELECT \"value\" FROM \"m\" WHERE \"into\" = 'x' OR host = 'a'", Outcome.ACCEPTED_READ),
            new Case("SELECT value FROM m WHERE host = 'INTO copy'", Outcome.ACCEPTED_READ),
            new Case("SELECT value FROM m WHERE host =~ /INTO|DROP|;/", Outcome.ACCEPTED_READ),
            new Case("SELECT value FROM m WHERE host =~ /a\\\\/ ; DROP MEASUREMENT m ; SELECT value FROM m WHERE host =~ /",
                    Outcome.ACCEPTED_READ),
            new Case("SELECT value FROM /^m;DROP MEASUREMENT m$|^m$/", Outcome.ACCEPTED_READ),
            new Case("SELECT value FROM m -- ; DROP MEASUREMENT m", Outcome.ACCEPTED_READ),
            new Case("SELECT value /* ; DROP MEASUREMENT m; INTO */ FROM m", Outcome.ACCEPTED_READ),
            new Case("SELECT value FROM m WHERE host = 'a' -- '; DROP MEASUREMENT m", Outcome.ACCEPTED_READ),
            // divisions are not regular expressions
            new Case("SELECT value / 2 FROM m", Outcome.ACCEPTED_READ),
            new Case("SELECT a/2 FROM m WHERE b = 4/2", Outcome.ACCEPTED_READ),
            new Case("SELECT mean(value)/2 FROM m WHERE time > now() - 100000d/2 GROUP BY time(1h) fill(none)",
                    Outcome.ACCEPTED_READ),
            // case, white space and semicolons
            new Case("SeLeCt value FrOm m", Outcome.ACCEPTED_READ),
            new Case("\n\tSELECT\tvalue\r\nFROM\tm\n", Outcome.ACCEPTED_READ),
            new Case("SELECT value FROM m;", Outcome.ACCEPTED_READ),
            new Case("SELECT value FROM m ; ; ", Outcome.ACCEPTED_READ),
            new Case("SELECT value FROM \"victim\".\"autogen\".\"m\" WHERE host = 'ä'", Outcome.ACCEPTED_READ),
            new Case("SHOW MEASUREMENTS", Outcome.ACCEPTED_READ),
            new Case("show tag values with key = \"host\"", Outcome.ACCEPTED_READ),
            // what InfluxDB itself would not parse: harmless either way
            new Case("SELECT/**/value/**/FROM/**/m", Outcome.ACCEPTED_SERVER_REJECTS));

    @BeforeEach
    void data() throws Exception {
        reset();
    }

    static void reset() throws Exception {
        for (String db : List.of("victim", "extra")) {
            server.queryRaw(null, "DROP DATABASE " + db);
        }
        server.queryRaw(null, "DROP USER intruder");
        server.createDatabase("victim");
        StringBuilder lp = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            lp.append("m,host=").append(i % 2 == 0 ? "a" : "b").append(" value=").append(i).append(",a=").append(i * 2)
                    .append(",b=2 ").append((1_600_000_000L + i * 3600L) * 1_000_000_000L).append('\n');
        }
        server.write("victim", lp.toString());
    }

    /** Everything a statement could change: databases, users, and per database its policies, queries, series and points. */
    static String state() throws Exception {
        StringBuilder sb = new StringBuilder();
        sb.append(server.query(null, "SHOW DATABASES")).append(server.query(null, "SHOW USERS"))
                .append(server.query(null, "SHOW CONTINUOUS QUERIES"));
        String dbs = server.query(null, "SHOW DATABASES");
        int values = dbs.indexOf("\"values\"");
        Matcher m = Pattern.compile("\\[\"([^\"]+)\"\\]").matcher(values < 0 ? "" : dbs.substring(values));
        while (m.find()) {
            String db = m.group(1);
            sb.append(server.query(db, "SHOW RETENTION POLICIES")).append(server.query(db, "SHOW SERIES"))
                    .append(server.query(db, "SELECT count(*) FROM /.*/"));
        }
        return sb.toString();
    }

    Map<String, Object> options(String url) {
        Map<String, Object> o = new HashMap<>();
        o.put("url", url);
        o.put("database", "victim");
        o.put("proxy", "none");
        o.put("retries", "0");
        o.put("timeout", "5s");
        o.put("output", "out.csv");
        return o;
    }

    @Test
    void everyQueryThatCouldWriteIsRefusedBeforeSendingAndEveryAcceptedOneOnlyReads() throws Exception {
        assertThat(CORPUS).hasSizeGreaterThanOrEqualTo(40);
        List<String> log = new ArrayList<>();
        String before = state();
        assertThat(before).contains("victim").contains("\"m\"");
        try (HttpFixture recorder = new HttpFixture()) {
            for (Case c : CORPUS) {
                Map<String, Object> o = options(server.url());
                o.put("query", c.query());
                switch (c.outcome()) {
                    case REFUSED, REFUSED_WRITES -> {
                        Map<String, Object> r = options(recorder.url());
                        r.put("query", c.query());
                        assertThatThrownBy(() -> ExtractRunner.run(ExtractRequest.fromOptions(r, Map.of(), work), log::add))
                                .as(c.query()).isInstanceOf(IllegalArgumentException.class)
                                .hasMessageStartingWith("query ");
                        assertThat(recorder.requests).as(c.query()).isEmpty();
                        assertThatThrownBy(() -> ExtractRunner.run(ExtractRequest.fromOptions(o, Map.of(), work), log::add))
                                .as(c.query()).isInstanceOf(IllegalArgumentException.class);
                        assertThat(state()).as("after refusing " + c.query()).isEqualTo(before);
                        if (c.outcome() == Outcome.REFUSED_WRITES) {
                            // sent as it is, it does change the server: the corpus tests something
                            server.queryRaw("victim", c.query());
                            assertThat(state()).as("the server after running " + c.query()).isNotEqualTo(before);
                            reset();
                            before = state();
                        }
                    }
                    case ACCEPTED_READ -> {
                        Throwable t = catchThrowable(() -> ExtractRunner.run(ExtractRequest.fromOptions(o, Map.of(), work),
                                log::add));
                        if (t != null) {
                            // a read that found nothing or no time series: InfluxDB's own answer, never the check's
                            assertThat(t.getMessage()).as(c.query()).doesNotStartWith("query ");
                            assertThat(t.getMessage()).as(c.query()).doesNotContain("rejected the query", "error parsing");
                        }
                        assertThat(state()).as("after " + c.query()).isEqualTo(before);
                    }
                    case ACCEPTED_SERVER_REJECTS -> {
                        assertThatThrownBy(() -> ExtractRunner.run(ExtractRequest.fromOptions(o, Map.of(), work), log::add))
                                .as(c.query()).isInstanceOf(InfluxException.class).hasMessageContaining("400");
                        assertThat(state()).as("after " + c.query()).isEqualTo(before);
                    }
                    default -> throw new IllegalStateException();
                }
            }
        }
    }
}
