import io.jenkins.plugins.influxforecast.library.ForecastJob

/*
 * forecastPipeline: a whole recurring forecast job from forecasts.yaml (see forecastPipeline.txt).
 * Reading and checking the file, the pods and the step arguments are the plugin's Java
 * (library/ForecastJob, tested with JUnit); this file only calls steps.
 */
def call(Map params = [:]) {
    String config = ForecastJob.configPath(params)
    if (env.INFLUX_FORECAST_CONFIG) {
        error("forecastPipeline runs once per build and already ran for ${env.INFLUX_FORECAST_CONFIG}: "
                + 'put all forecasts into one file (a second call would replace the job properties)')
    }
    env.INFLUX_FORECAST_CONFIG = config
    Map plan = ForecastJob.plan(readTrusted(config), config, env.JOB_NAME)

    // the only properties() call: a second one would replace these and drop the cron trigger
    properties([
        pipelineTriggers([cron(plan.cron)]),
        disableConcurrentBuilds(abortPrevious: true),
        buildDiscarder(logRotator(plan.logRotator)),
    ])

    List outcomes = []
    try {
        for (batch in plan.batches) {
            Map branches = [:]
            for (f in batch) {
                Map fc = f
                Map outcome = [name: fc.name, status: 'SUCCESS']
                outcomes << outcome
                branches[fc.name] = { runForecast(fc, outcome, plan) }
            }
            parallel branches
        }
    } finally {
        currentBuild.description = ForecastJob.describe(outcomes)
    }
    return outcomes
}

/* One forecast in its own pod; a failure marks its stage and the build, and the others go on. */
def runForecast(Map fc, Map outcome, Map plan) {
    stage(fc.name) {
        // an abort of the build (by hand, or by a newer build) is not caught: it stops every forecast
        catchError(buildResult: plan.onFailure, stageResult: 'FAILURE', catchInterruptions: false) {
            try {
                timeout(time: fc.timeoutMinutes, unit: 'MINUTES') {
                    podTemplate(yaml: fc.podYaml) {
                        retry(count: plan.podAttempts, conditions: [kubernetesAgent(), nonresumable()]) {
                            node(POD_LABEL) {
                                try {
                                    for (fileArgs in fc.files) {
                                        writeFile(fileArgs)
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
                outcome.status = plan.onFailure
                outcome.error = ForecastJob.failureReason(err, fc.timeoutMinutes)
                if (ForecastJob.interruption(err) == ForecastJob.TIMEOUT) {
                    // this forecast's failure, not an abort of the build
                    error("${fc.name}: ${outcome.error}")
                }
                throw err
            }
        }
    }
}

def runSteps(Map fc, Map outcome) {
    outcome.extract = influxExtract(fc.extract)
    outcome.forecast = forecast(fc.forecast)
    outcome.load = influxLoad(fc.load)
}
