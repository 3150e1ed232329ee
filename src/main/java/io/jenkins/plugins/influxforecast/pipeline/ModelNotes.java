package io.jenkins.plugins.influxforecast.pipeline;

import io.jenkins.plugins.influxforecast.model.FittedModel;
import io.jenkins.plugins.influxforecast.report.Degradation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The model's own notes as typed {@link Degradation}s. The model families report what they changed
 * as sentences ({@link FittedModel#warnings()}) and, where they have one, as a parameter
 * ({@code seasonDropped}, {@code fourierDropped}); this is the one place that turns both into kinds,
 * so every reader of metrics.json branches on the kind and none searches the text.
 */
final class ModelNotes {

    private ModelNotes() {
    }

    static List<Degradation> of(FittedModel fit, String stage) {
        List<Degradation> out = new ArrayList<>();
        boolean seasonParameter = fit.parameters().containsKey("seasonDropped") || fit.parameters().containsKey("fourierDropped");
        boolean seasonNoted = false;
        for (String w : fit.warnings()) {
            Degradation.Kind kind = kind(w);
            seasonNoted |= kind == Degradation.Kind.SEASON_DROPPED;
            out.add(new Degradation(kind, stage, w));
        }
        if (seasonParameter && !seasonNoted) {
            out.add(new Degradation(Degradation.Kind.SEASON_DROPPED, stage, fit.spec() + " dropped a season (seasonDropped "
                    + fit.parameters().getOrDefault("seasonDropped", fit.parameters().get("fourierDropped")) + ")"));
        }
        return out;
    }

    /** The kind of one of the families' sentences (ETS "seasonality dropped: ...", ARIMA "season 168 dropped ..."). */
    static Degradation.Kind kind(String warning) {
        String l = warning.toLowerCase(Locale.ROOT);
        if ((l.contains("season") || l.contains("period")) && (l.contains("dropped") || l.contains("ignored"))) {
            return Degradation.Kind.SEASON_DROPPED;
        }
        if (l.contains("fell back") || l.contains("fallback")) {
            return Degradation.Kind.MODEL_FELL_BACK;
        }
        return Degradation.Kind.MODEL_NOTE;
    }
}
