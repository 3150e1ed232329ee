package io.jenkins.plugins.influxforecast.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ShardTest {

    /** The published FNV-1a 64 test vectors (Fowler, Noll, Vo; also Python: a loop of xor and multiply). */
    @Test
    void fnv1a64MatchesTheReferenceVectors() {
        assertThat(Shard.fnv1a64("".getBytes(StandardCharsets.UTF_8))).isEqualTo(0xcbf29ce484222325L);
        assertThat(Shard.fnv1a64("a".getBytes(StandardCharsets.UTF_8))).isEqualTo(0xaf63dc4c8601ec8cL);
        assertThat(Shard.fnv1a64("foobar".getBytes(StandardCharsets.UTF_8))).isEqualTo(0x85944171f73967e8L);
    }

    @Test
    void theTagSetIsHashedSortedByKeyWithoutEscapingInUtf8() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("region", "eu");
        tags.put("host", "h07");
        assertThat(Shard.canonical(tags)).isEqualTo("host=h07,region=eu");
        // values computed independently with the same definition in Python
        assertThat(Shard.hash(tags)).isEqualTo(0x6b97d3247518e4feL);
        assertThat(Shard.of(tags, 3)).isEqualTo(1);
        assertThat(Shard.hash(Map.of("host", "ü"))).isEqualTo(0xa19e07ae9b8492c9L);
        assertThat(Shard.of(Map.of(), 3)).isEqualTo(3);
        // the order the tags arrive in does not matter
        assertThat(Shard.hash(new TreeMap<>(tags))).isEqualTo(Shard.hash(tags));
    }

    @Test
    void theShardsOfACountPartitionTheSeries() {
        int count = 7;
        List<Shard> shards = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            shards.add(new Shard(i, count));
        }
        Set<Integer> used = new HashSet<>();
        for (int s = 0; s < 500; s++) {
            Map<String, String> tags = Map.of("host", "h" + s, "dc", s % 2 == 0 ? "a" : "b");
            List<Shard> holders = shards.stream().filter(sh -> sh.contains(tags)).toList();
            assertThat(holders).hasSize(1);
            assertThat(holders.get(0).index()).isEqualTo(Shard.of(tags, count));
            used.add(holders.get(0).index());
        }
        assertThat(used).hasSize(count);
    }

    @Test
    void parsesIOverNAndNamesTheOptionWhenItIsWrong() {
        assertThat(Shard.parse("shard", " 2 / 3 ")).isEqualTo(new Shard(2, 3));
        assertThat(Shard.parse("shard", "1/1").toString()).isEqualTo("1/1");
        for (String bad : List.of("0/3", "4/3", "3", "a/b", "1/0", "-1/3", "1/1001", "")) {
            assertThatThrownBy(() -> Shard.parse("shard", bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("shard must be i/N")
                    .hasMessageContaining("'" + bad.trim() + "'");
        }
        assertThatThrownBy(() -> Shard.parse("shard", null)).hasMessageContaining("got 'null'");
    }

    @Test
    void theFilterPassesItsShardsSeriesWithTheirPointsAndCountsEachSeriesOnce() {
        List<String> seen = new ArrayList<>();
        PointSink recorder = new PointSink() {
            @Override
            public void beginSeries(String name, Map<String, String> tags) {
                seen.add("begin " + name + " " + Shard.canonical(tags));
            }

            @Override
            public void point(long epochNanos, double value) {
                seen.add("point " + epochNanos);
            }

            @Override
            public void endSeries() {
                seen.add("end");
            }

            @Override
            public void discardAll() {
                seen.add("discard");
            }
        };
        Map<String, String> a = Map.of("host", "h07", "region", "eu"); // shard 1 of 3
        Map<String, String> b = Map.of(); // shard 3 of 3
        ShardFilter filter = new ShardFilter(new Shard(1, 3), recorder);
        filter.beginSeries("cpu", a);
        filter.point(1, 1.0);
        filter.beginSeries("cpu", b);
        filter.point(2, 2.0);
        filter.endSeries();
        // the next chunk of a streamed answer starts the first series again
        filter.beginSeries("cpu", a);
        filter.point(3, 3.0);
        filter.endSeries();
        assertThat(seen).containsExactly("begin cpu host=h07,region=eu", "point 1", "end",
                "begin cpu host=h07,region=eu", "point 3", "end");
        assertThat(filter.keptSeries()).isEqualTo(1);
        assertThat(filter.droppedSeries()).isEqualTo(1);

        // a retry reads the answer again from its start: nothing counted twice
        filter.discardAll();
        assertThat(seen).endsWith("discard");
        assertThat(filter.keptSeries()).isZero();
        assertThat(filter.droppedSeries()).isZero();
        filter.beginSeries("cpu", b);
        filter.point(4, 4.0);
        assertThat(seen).endsWith("discard");
        assertThat(filter.droppedSeries()).isEqualTo(1);
    }
}
