package io.jenkins.plugins.influxforecast.pipeline;

import java.nio.file.Path;
import java.util.List;

/**
 * What an extract did: the series and points written to {@code output}, the gaps kept, the query
 * as sent, and the warnings (dropped empty values, server messages).
 */
public record ExtractResult(int series, long points, long gaps, Path output, String language, String query,
        List<String> warnings, long millis) implements StageResult {

    public ExtractResult {
        warnings = List.copyOf(warnings);
    }

    /** An extract that returns finished: a failure is thrown. */
    @Override
    public int exitCode() {
        return ExitCodes.OK;
    }
}
