package io.jenkins.plugins.influxforecast.library;

import com.lesfurets.jenkins.unit.BasePipelineTest;
import com.lesfurets.jenkins.unit.MethodSignature;
import com.lesfurets.jenkins.unit.PipelineTestHelper;
import com.lesfurets.jenkins.unit.global.lib.LibraryConfiguration;
import com.lesfurets.jenkins.unit.global.lib.LocalSource;
import groovy.lang.Closure;
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

    void setUpHarness() throws Exception {
        setScriptRoots(REPO.toString());
        setBaseScriptRoot(REPO.toString());
        super.setUp();
        getHelper().registerSharedLibrary(libraryConfiguration());
        getBinding().setVariable("env", new LinkedHashMap<>(Map.of("JOB_NAME", "forecasts/parking", "BUILD_NUMBER", "7")));

        register("influxExtract", args -> pluginStep("influxExtract", args));
        register("forecast", args -> pluginStep("forecast", args));
        register("influxLoad", args -> pluginStep("influxLoad", args));

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
                return closure(args[1]).call();
            } finally {
                getBinding().setVariable("POD_LABEL", previous);
            }
        });
        register("container", args -> {
            String previous = currentContainer;
            currentContainer = (String) args[0];
            try {
                return closure(args[1]).call();
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
                return closure(args[1]).call();
            } finally {
                currentPod = previous;
            }
        });
        register("retry", args -> {
            retries.add(args[0]);
            return closure(args[1]).call();
        });
        register("timeout", args -> {
            timeouts.add(map(args[0]));
            return args.length > 1 ? closure(args[1]).call() : null;
        });
        register("stage", args -> {
            String previous = currentStage;
            currentStage = (String) args[0];
            stagesRun.add(currentStage);
            try {
                Object result = closure(args[1]).call();
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
                return closure(args[1]).call();
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
            closure(args[0]).call();
            if (stagesBody == null) {
                throw new IllegalStateException("pipeline has no stages");
            }
            try {
                stagesBody.call();
            } catch (RuntimeException e) {
                log.add("pipeline failed: " + e.getMessage());
                worsenBuildResult("FAILURE");
            }
            if (postBody != null) {
                inPost = true;
                try {
                    postBody.call();
                } finally {
                    inPost = false;
                }
            }
            return null;
        });
        register("agent", args -> {
            if (args[0] instanceof Closure<?> c) {
                c.call();
            }
            return null;
        });
        register("kubernetes", args -> closure(args[0]).call());
        register("yaml", args -> {
            agentYamls.add((String) args[0]);
            currentPod = "declarative-pod";
            return null;
        });
        register("retries", args -> {
            retries.add(args[0]);
            return null;
        });
        register("triggers", args -> closure(args[0]).call());
        register("options", args -> {
            // record each option as a call; the calls inside return their maps
            closure(args[0]).call();
            return null;
        });
        register("stages", args -> {
            stagesBody = closure(args[0]);
            return null;
        });
        register("steps", args -> closure(args[0]).call());
        register("script", args -> closure(args[0]).call());
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
                    closure(args[0]).call();
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
