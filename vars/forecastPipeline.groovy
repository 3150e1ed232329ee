/*
 * forecastPipeline: a whole recurring forecast job from forecasts.yaml (see forecastPipeline.txt).
 * Reading and checking the file, planning the pods and writing the build description happen in the
 * plugin's steps forecastPlan, forecastFailure and forecastSummary, on the controller; this file
 * only calls Pipeline steps and a few whitelisted methods, so it runs in the Groovy sandbox as a
 * folder-level (untrusted) library as well as a global one.
 */
def call(Map params = [:]) {
    // loops by index: an iterator kept across a step is not serialisable (CPS)
    List keys = new ArrayList(params.keySet())
    for (int k = 0; k < keys.size(); k++) {
        String key = keys[k]
        if (key != 'config') {
            error("forecastPipeline has no parameter '${key}'; its only parameter is config (the path of"
                    + " forecasts.yaml); everything else goes into that file")
        }
    }
    String config = params.config == null ? 'forecasts.yaml' : "${params.config}"
    if (env.INFLUX_FORECAST_CONFIG) {
        error("forecastPipeline runs once per build and already ran for ${env.INFLUX_FORECAST_CONFIG}: "
                + 'put all forecasts into one file (a second call would replace the job properties)')
    }
    env.INFLUX_FORECAST_CONFIG = config
    Map plan = forecastPlan(text: readTrusted(config), config: config, job: env.JOB_NAME)

    // the only properties() call: a second one would replace these and drop the cron trigger
    properties([
        pipelineTriggers([cron(plan.cron)]),
        disableConcurrentBuilds(abortPrevious: true),
        buildDiscarder(logRotator(plan.logRotator)),
    ])

    List outcomes = []
    try {
        for (int b = 0; b < plan.batches.size(); b++) {
            List batch = plan.batches[b]
            Map branches = [:]
            for (int i = 0; i < batch.size(); i++) {
                Map fc = batch[i]
                Map outcome = [name: fc.name, shard: fc.shard, status: 'SUCCESS']
                outcomes << outcome
                branches[fc.id] = { runForecast(fc, outcome, plan) }
            }
            parallel branches
        }
    } finally {
        currentBuild.description = forecastSummary(outcomes: outcomes)
    }
    return outcomes
}

/* One forecast (or one shard of it) in its own pod; a failure marks its stage and the build, and the others go on. */
def runForecast(Map fc, Map outcome, Map plan) {
    stage(fc.stage) {
        // an abort of the build (by hand, or by a newer build) is not caught: it stops every forecast
        catchError(buildResult: plan.onFailure, stageResult: 'FAILURE', catchInterruptions: false) {
            try {
                timeout(time: fc.timeoutMinutes, unit: 'MINUTES') {
                    podTemplate(yaml: fc.podYaml) {
                        retry(count: plan.podAttempts, conditions: [kubernetesAgent(), nonresumable()]) {
                            node(POD_LABEL) {
                                try {
                                    for (int i = 0; i < fc.files.size(); i++) {
                                        writeFile(fc.files[i])
                                    }
                                    if (fc.container) {
                                        container(fc.container) { runSteps(fc, outcome) }
                                    } else {
                                        runSteps(fc, outcome)
                                    }
                                } finally {
                                    archiveArtifacts(artifacts: fc.archive, allowEmptyArchive: true)
                                }
                            }
                        }
                    }
                }
            } catch (err) {
                Map failure = forecastFailure(error: err, timeoutMinutes: fc.timeoutMinutes)
                outcome.status = plan.onFailure
                outcome.error = failure.reason
                if (failure.kind == 'timeout') {
                    // this forecast's failure, not an abort of the build
                    error("${fc.stage}: ${failure.reason}")
                }
                throw err
            }
        }
    }
}

def runSteps(Map fc, Map outcome) {
    outcome.extract = influxExtract(fc.extract)
    if (fc.shard && outcome.extract.series == 0) {
        // the other shards hold every series of the query
        echo("${fc.stage}: no series in this shard; nothing to forecast")
        return
    }
    if (fc.score != null) {
        // the earlier runs against the actuals just extracted; the forecast reports it as live accuracy
        outcome.score = score(fc.score)
    }
    outcome.forecast = forecast(fc.forecast)
    outcome.load = influxLoad(fc.load)
}
