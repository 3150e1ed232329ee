package io.jenkins.plugins.influxforecast.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.lesfurets.jenkins.unit.BasePipelineTest;
import com.lesfurets.jenkins.unit.MethodSignature;
import com.lesfurets.jenkins.unit.PipelineTestHelper;
import com.lesfurets.jenkins.unit.cps.PipelineTestHelperCPS;
import com.lesfurets.jenkins.unit.global.lib.LibraryConfiguration;
import com.lesfurets.jenkins.unit.global.lib.LocalSource;
import groovy.lang.Closure;
import hudson.ExtensionList;
import io.jenkins.plugins.influxforecast.steps.ForecastFailureStep;
import io.jenkins.plugins.influxforecast.steps.ForecastPlanStep;
import io.jenkins.plugins.influxforecast.steps.ForecastPodYamlStep;
import io.jenkins.plugins.influxforecast.steps.ForecastSummaryStep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * JenkinsPipelineUnit 1.1 set up for this repository: its vars/ loaded as the library
 * {@code influx-forecast}, the steps of this plugin, of the Kubernetes plugin and of core Pipeline
 * registered as recording mocks, and a small interpreter of declarative Pipeline (JenkinsPipelineUnit
 * 1.1 has none): {@code pipeline}, {@code agent}, {@code kubernetes}, {@code triggers}, {@code options},
 * {@code stages}, {@code stage}, {@code steps}, {@code script} and {@code post} run the real
 * Jenkinsfile text with declarative's order and failure rules.
 *
 * <p>Tests run the files of the repository themselves (Jenkinsfile.example, vars/, the examples
 * under test-harness/examples), never copies.
 */
abstract class PipelineHarness extends BasePipelineTest {

    static final String LIBRARY = "influx-forecast";
    static final Path REPO = io.jenkins.plugins.influxforecast.RepoFiles.root();

    /** A call of a mocked step: its name and its arguments, and the pod and stage it ran in. */
    record StepCall(String step, Map<String, Object> args, String pod, String container, String stage) {
    }

    /** What a Pipeline run did, in order. */
    final List<StepCall> steps = new ArrayList<>();
    final List<String> podYamls = new ArrayList<>();
    final List<List<Object>> propertiesCalls = new ArrayList<>();
    final List<Map<String, Object>> archived = new ArrayList<>();
    final Map<String, String> written = new LinkedHashMap<>();
    final List<String> cronSpecs = new ArrayList<>();
    final Map<String, String> stageResults = new LinkedHashMap<>();
    final List<String> stagesRun = new ArrayList<>();
    final List<Object> retries = new ArrayList<>();
    final List<Map<String, Object>> timeouts = new ArrayList<>();
    final List<String> agentYamls = new ArrayList<>();
    final List<Map<String, Object>> options = new ArrayList<>();
    final List<String> postRun = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    /** readTrusted: path in the repository -> file content. */
    final Map<String, String> repositoryFiles = new LinkedHashMap<>();
    /** Answers of the mocked plugin steps; may throw to make a step fail. */
    final Map<String, Function<StepCall, Object>> stepAnswers = new LinkedHashMap<>();

    private String currentPod;
    private String currentContainer;
    private String currentStage;
    private int podCount;

    /**
     * True to run the scripts through groovy-cps, the continuation engine of Pipeline
     * (JenkinsPipelineUnit's {@code PipelineTestHelperCPS}): Groovy that the CPS transformation
     * breaks, and state that cannot be serialised between steps, fail there.
     */
    boolean cps() {
        return false;
    }

    void setUpHarness() throws Exception {
        if (cps()) {
            setHelper(new PipelineTestHelperCPS());
        }
        setScriptRoots(REPO.toString());
        setBaseScriptRoot(REPO.toString());
        super.setUp();
        getHelper().registerSharedLibrary(libraryConfiguration());
        getBinding().setVariable("env", new LinkedHashMap<>(Map.of("JOB_NAME", "forecasts/parking", "BUILD_NUMBER", "7")));

        register("influxExtract", args -> pluginStep("influxExtract", args));
        register("score", args -> pluginStep("score", args));
        register("forecast", args -> pluginStep("forecast", args));
        register("influxLoad", args -> pluginStep("influxLoad", args));
        // the library's controller-side steps: the plugin's real classes, bound as Pipeline binds them
        register("forecastPlan", args -> controllerStep(ForecastPlanStep.DescriptorImpl.class, args));
        register("forecastPodYaml", args -> controllerStep(ForecastPodYamlStep.DescriptorImpl.class, args));
        register("forecastSummary", args -> controllerStep(ForecastSummaryStep.DescriptorImpl.class, args));
        register("forecastFailure", args -> controllerStep(ForecastFailureStep.DescriptorImpl.class, args));
        registerParallel();

        register("readTrusted", args -> {
            String path = (String) args[0];
            String text = repositoryFiles.get(path);
            if (text == null) {
                throw new IllegalStateException("readTrusted: " + path + " not found in the repository");
            }
            return text;
        });
        register("writeFile", args -> {
            Map<String, Object> m = map(args[0]);
            written.put((String) m.get("file"), (String) m.get("text"));
            return null;
        });
        register("echo", args -> {
            log.add(String.valueOf(args[0]));
            return null;
        });
        register("error", args -> {
            throw new RuntimeException(String.valueOf(args[0]));
        });

        // job properties
        register("properties", args -> {
            propertiesCalls.add(List.copyOf((List<?>) args[0]));
            return null;
        });
        register("cron", args -> {
            cronSpecs.add((String) args[0]);
            return Map.of("cron", args[0]);
        });
        register("pipelineTriggers", args -> Map.of("pipelineTriggers", args[0]));
        register("disableConcurrentBuilds", args -> Map.of("disableConcurrentBuilds", args.length == 0 ? Map.of() : args[0]));
        register("buildDiscarder", args -> Map.of("buildDiscarder", args[0]));
        register("logRotator", args -> Map.of("logRotator", args[0]));

        // Kubernetes plugin
        register("podTemplate", args -> {
            Map<String, Object> m = map(args[0]);
            podYamls.add((String) m.get("yaml"));
            String label = "forecast-pod-" + (++podCount);
            Object previous = getBinding().hasVariable("POD_LABEL") ? getBinding().getVariable("POD_LABEL") : null;
            getBinding().setVariable("POD_LABEL", label);
            try {
                return call(args[1]);
            } finally {
                getBinding().setVariable("POD_LABEL", previous);
            }
        });
        register("container", args -> {
            String previous = currentContainer;
            currentContainer = (String) args[0];
            try {
                return call(args[1]);
            } finally {
                currentContainer = previous;
            }
        });
        register("kubernetesAgent", args -> "kubernetesAgent");
        register("nonresumable", args -> "nonresumable");

        // core Pipeline steps with a body
        register("node", args -> {
            String previous = currentPod;
            currentPod = (String) args[0];
            try {
                return call(args[1]);
            } finally {
                currentPod = previous;
            }
        });
        register("retry", args -> {
            retries.add(args[0]);
            return call(args[1]);
        });
        register("timeout", args -> {
            timeouts.add(map(args[0]));
            return args.length > 1 ? call(args[1]) : null;
        });
        register("stage", args -> {
            String previous = currentStage;
            currentStage = (String) args[0];
            stagesRun.add(currentStage);
            try {
                Object result = call(args[1]);
                stageResults.putIfAbsent(currentStage, "SUCCESS");
                return result;
            } catch (RuntimeException e) {
                stageResults.put(currentStage, "FAILURE");
                throw e;
            } finally {
                currentStage = previous;
            }
        });
        register("catchError", args -> {
            Map<String, Object> m = map(args[0]);
            try {
                return call(args[1]);
            } catch (RuntimeException e) {
                if (Boolean.FALSE.equals(m.get("catchInterruptions"))
                        && e.getClass().getSimpleName().equals("FlowInterruptedException")) {
                    throw e;
                }
                log.add("catchError: " + e.getMessage());
                worsenBuildResult((String) m.getOrDefault("buildResult", "FAILURE"));
                if (currentStage != null) {
                    stageResults.put(currentStage, (String) m.getOrDefault("stageResult", "FAILURE"));
                }
                return null;
            }
        });
        register("archiveArtifacts", args -> {
            Map<String, Object> m = args[0] instanceof Map ? map(args[0]) : Map.of("artifacts", args[0]);
            Map<String, Object> record = new LinkedHashMap<>(m);
            record.put("pod", currentPod);
            archived.add(record);
            return null;
        });

        registerDeclarative();
    }

    // ---------------------------------------------------------------- declarative Pipeline

    private Closure<?> stagesBody;
    private Closure<?> postBody;
    private boolean inPost;

    private void registerDeclarative() {
        register("pipeline", args -> {
            stagesBody = null;
            postBody = null;
            // first the directives (agent, triggers, options) run and record; stages and post wait
            call(args[0]);
            if (stagesBody == null) {
                throw new IllegalStateException("pipeline has no stages");
            }
            try {
                call(stagesBody);
            } catch (RuntimeException e) {
                log.add("pipeline failed: " + e.getMessage());
                worsenBuildResult("FAILURE");
            }
            if (postBody != null) {
                inPost = true;
                try {
                    call(postBody);
                } finally {
                    inPost = false;
                }
            }
            return null;
        });
        register("agent", args -> {
            if (args[0] instanceof Closure<?> c) {
                call(c);
            }
            return null;
        });
        register("kubernetes", args -> call(args[0]));
        register("yaml", args -> {
            agentYamls.add((String) args[0]);
            currentPod = "declarative-pod";
            return null;
        });
        register("retries", args -> {
            retries.add(args[0]);
            return null;
        });
        register("triggers", args -> call(args[0]));
        register("options", args -> {
            // record each option as a call; the calls inside return their maps
            call(args[0]);
            return null;
        });
        register("stages", args -> {
            stagesBody = closure(args[0]);
            return null;
        });
        register("steps", args -> call(args[0]));
        register("script", args -> call(args[0]));
        register("post", args -> {
            postBody = closure(args[0]);
            return null;
        });
        for (String condition : List.of("always", "success", "failure", "unstable", "changed", "fixed",
                "regression", "aborted", "unsuccessful", "cleanup")) {
            register(condition, args -> {
                if (!inPost) {
                    throw new IllegalStateException(condition + " outside post");
                }
                if (postApplies(condition)) {
                    postRun.add(condition);
                    call(args[0]);
                }
                return null;
            });
        }
    }

    private boolean postApplies(String condition) {
        String result = buildResult();
        return switch (condition) {
            case "always", "cleanup" -> true;
            case "success" -> result.equals("SUCCESS");
            case "failure" -> result.equals("FAILURE");
            case "unstable" -> result.equals("UNSTABLE");
            case "aborted" -> result.equals("ABORTED");
            case "unsuccessful" -> !result.equals("SUCCESS");
            default -> false; // changed, fixed, regression need the previous build: none here
        };
    }

    // ---------------------------------------------------------------- helpers

    /** Calls a closure of the script, through groovy-cps in CPS mode. */
    Object call(Object closure) {
        return getHelper().callClosure(closure(closure));
    }

    /**
     * {@code parallel} as JenkinsPipelineUnit runs it (the branches one after the other; a failing
     * branch marks the build FAILURE and the others run on; the failures are thrown together at the
     * end), with the branches called through {@link #call} so that CPS mode runs them too.
     */
    private void registerParallel() {
        register("parallel", args -> {
            Map<String, Object> branches = map(args[0]);
            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, Object> b : branches.entrySet()) {
                try {
                    call(b.getValue());
                } catch (RuntimeException e) {
                    worsenBuildResult("FAILURE");
                    failures.add(b.getKey() + " - " + e.getMessage());
                }
            }
            if (!failures.isEmpty()) {
                throw new IllegalStateException(String.join(",", failures));
            }
            return null;
        });
    }

    /** Calls of the library's controller-side steps, with their arguments and results. */
    final List<StepCall> controllerSteps = new ArrayList<>();

    /**
     * Runs one of the plugin's controller-side steps as Pipeline does: the named arguments bound by
     * the step's descriptor, the execution started with a context that offers nothing (the steps
     * require none: no node), the result or the failure taken from the context.
     */
    private Object controllerStep(Class<? extends StepDescriptor> descriptor, Object[] args) {
        if (args.length != 1 || !(args[0] instanceof Map)) {
            throw new IllegalArgumentException("takes named parameters, got " + List.of(args));
        }
        StepDescriptor d = ExtensionList.lookupSingleton(descriptor);
        assertThat(d.getRequiredContext()).as("%s needs no context (runs outside node)", d.getFunctionName()).isEmpty();
        ControllerContext context = new ControllerContext();
        try {
            Step step = d.newInstance(new LinkedHashMap<>(map(args[0])));
            StepExecution execution = step.start(context);
            assertThat(execution.start()).as("%s completes synchronously", d.getFunctionName()).isTrue();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        controllerSteps.add(new StepCall(d.getFunctionName(), new LinkedHashMap<>(map(args[0])), currentPod, currentContainer,
                currentStage));
        if (context.failure != null) {
            if (context.failure instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(context.failure);
        }
        assertPlain(d.getFunctionName(), context.result);
        return context.result;
    }

    /** What the controller-side steps may return: String, Number, Boolean, List and Map only. */
    static void assertPlain(String where, Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                assertPlain(where + "[" + i + "]", list.get(i));
            }
            return;
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                assertThat(e.getKey()).as(where + " key").isInstanceOf(String.class);
                assertPlain(where + "." + e.getKey(), e.getValue());
            }
            return;
        }
        throw new AssertionError(where + " is a " + value.getClass().getName() + ", not a plain value");
    }

    /** A step context with no context objects, recording the completion. */
    static final class ControllerContext extends StepContext {
        transient Object result;
        transient Throwable failure;
        private transient boolean done;

        @Override
        public <T> T get(Class<T> key) {
            return null;
        }

        @Override
        public void onSuccess(Object r) {
            assertThat(done).as("completed once").isFalse();
            done = true;
            result = r;
        }

        @Override
        public void onFailure(Throwable t) {
            assertThat(done).as("completed once").isFalse();
            done = true;
            failure = t;
        }

        @Override
        public boolean isReady() {
            return done;
        }

        @Override
        public com.google.common.util.concurrent.ListenableFuture<Void> saveState() {
            return com.google.common.util.concurrent.Futures.immediateFuture(null);
        }

        @Override
        public void setResult(hudson.model.Result r) {
            throw new AssertionError("a controller-side step sets no build result");
        }

        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        private static final long serialVersionUID = 1L;
    }

    private Object pluginStep(String step, Object[] args) {
        if (args.length != 1 || !(args[0] instanceof Map)) {
            throw new IllegalArgumentException(step + " takes named parameters, got " + List.of(args));
        }
        StepCall call = new StepCall(step, new LinkedHashMap<>(map(args[0])), currentPod, currentContainer, currentStage);
        steps.add(call);
        Function<StepCall, Object> answer = stepAnswers.get(step);
        return answer == null ? Map.of() : answer.apply(call);
    }

    String buildResult() {
        @SuppressWarnings("unchecked")
        Map<String, Object> currentBuild = (Map<String, Object>) getBinding().getVariable("currentBuild");
        Object r = currentBuild.get("result");
        return r == null ? "SUCCESS" : String.valueOf(r);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> currentBuild() {
        return (Map<String, Object>) getBinding().getVariable("currentBuild");
    }

    private void worsenBuildResult(String result) {
        List<String> order = List.of("SUCCESS", "UNSTABLE", "FAILURE", "NOT_BUILT", "ABORTED");
        if (order.indexOf(result) > order.indexOf(buildResult())) {
            currentBuild().put("result", result);
        }
    }

    List<StepCall> steps(String name) {
        return steps.stream().filter(s -> s.step().equals(name)).toList();
    }

    static String read(String repoPath) {
        try {
            return Files.readString(REPO.resolve(repoPath), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** LocalSource of 1.1 wants {@code <dir>/<name>@<version>}: a link to the repository root. */
    private static LibraryConfiguration libraryConfiguration() throws IOException {
        Path libs = REPO.resolve("target/pipeline-unit-libs");
        Files.createDirectories(libs);
        Path link = libs.resolve(LIBRARY + "@test");
        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, REPO);
        }
        LibraryConfiguration.LibraryBuilder b = LibraryConfiguration.library(LIBRARY);
        b.defaultVersion("test");
        b.allowOverride(false);
        b.implicit(false);
        b.targetPath(libs.toString());
        b.retriever(LocalSource.localSource(libs.toString()));
        return b.build();
    }

    void register(String name, Function<Object[], Object> body) {
        // one registration per arity seen in Pipeline scripts; the closure receives the arguments
        Closure<Object> c = new Closure<Object>(this) {
            @SuppressWarnings("unused")
            public Object doCall(Object... args) {
                return body.apply(args);
            }
        };
        // JenkinsPipelineUnit's own registrations of the name (stage, node, echo...) come first in
        // its lookup: give them this body too
        for (Map.Entry<MethodSignature, Closure> e : allowedMethods().entrySet()) {
            if (e.getKey().getName().equals(name)) {
                e.setValue(c);
            }
        }
        for (List<Class<?>> signature : SIGNATURES) {
            List<Class> types = new ArrayList<>(signature);
            getHelper().registerAllowedMethod(name, types, c);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<MethodSignature, Closure> allowedMethods() {
        try {
            Field f = PipelineTestHelper.class.getDeclaredField("allowedMethodCallbacks");
            f.setAccessible(true);
            return (Map<MethodSignature, Closure>) f.get(getHelper());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final List<List<Class<?>>> SIGNATURES = List.of(
            List.of(),
            List.of(Object.class),
            List.of(Object.class, Object.class));

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    static Closure<?> closure(Object o) {
        return (Closure<?>) o;
    }
}
