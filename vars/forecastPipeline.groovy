import io.jenkins.plugins.influxforecast.pipeline.job.ForecastJob

/*
 * forecastPipeline: a whole recurring forecast job from forecasts.yaml (see forecastPipeline.txt).
 * Reading and checking the file, the pods and the step arguments are the plugin's Java
 * (pipeline/job/ForecastJob, tested with JUnit); this file only calls steps.
 */
def call(Map params = [:]) {
    String config = ForecastJob.configPath(params)
    Map plan = ForecastJob.plan(readTrusted(config), config, env.JOB_NAME)

    // the only properties() call: a second one would replace these and drop the cron trigger
    properties([
        pipelineTriggers([cron(plan.cron)]),
        disableConcurrentBuilds(abortPrevious: true),
        buildDiscarder(logRotator(plan.logRotator)),
    ])

    List outcomes = []
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
    currentBuild.description = ForecastJob.describe(outcomes)
    return outcomes
}

/* One forecast in its own pod; a failure marks its stage and the build, and the others go on. */
def runForecast(Map fc, Map outcome, Map plan) {
    stage(fc.name) {
        catchError(buildResult: plan.onFailure, stageResult: 'FAILURE') {
            try {
                timeout(time: fc.timeoutMinutes, unit: 'MINUTES') {
                    podTemplate(yaml: fc.podYaml) {
                        retry(count: plan.podAttempts, conditions: [kubernetesAgent(), nonresumable()]) {
                            node(POD_LABEL) {
                                try {
                                    for (path in fc.files.keySet()) {
                                        writeFile(file: path, text: fc.files[path])
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
