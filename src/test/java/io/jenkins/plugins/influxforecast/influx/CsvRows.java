package io.jenkins.plugins.influxforecast.influx;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Reads an extract CSV back in tests (commons-csv, independent of the code under test). */
record CsvRows(String name, String tags, long time, String value) {

    static List<CsvRows> read(Path file) throws IOException {
        List<CsvRows> rows = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
                rows.add(new CsvRows(rec.get("name"), rec.get("tags"), Long.parseLong(rec.get("time")), rec.get("value")));
            }
        }
        return rows;
    }

    double number() {
        return value.isEmpty() ? Double.NaN : Double.parseDouble(value);
    }
}
