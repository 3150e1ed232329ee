import io.jenkins.plugins.influxforecast.library.ForecastJob

/*
 * forecastPod: the library's pod for one forecast, as YAML, for a Jenkinsfile's own podTemplate or
 * declarative kubernetes agent (see forecastPod.txt). Rendering and checks: library/ForecastJob.
 */
def call(Map params = [:]) {
    return ForecastJob.podYaml(params, env.JOB_NAME)
}
