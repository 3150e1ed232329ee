/*
 * forecastPod: the library's pod for one forecast, as YAML, for a Jenkinsfile's own podTemplate or
 * declarative kubernetes agent (see forecastPod.txt). Rendering and checks: the plugin's step
 * forecastPodYaml, on the controller; this file only calls steps, so it runs in the sandbox too.
 */
def call(Map params = [:]) {
    return forecastPodYaml(settings: params, job: env.JOB_NAME)
}
