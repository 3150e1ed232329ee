package io.jenkins.plugins.influxforecast.library;

import static org.assertj.core.api.Assertions.assertThat;

import groovy.lang.GroovyClassLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.AnnotatedNode;
import org.codehaus.groovy.ast.AnnotationNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.expr.CastExpression;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.ast.expr.ConstructorCallExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.CatchStatement;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;
import org.junit.jupiter.api.Test;

/**
 * The sandbox check of vars/: a folder-level (untrusted) library runs in script-security's Groovy
 * sandbox, where only Pipeline steps and whitelisted methods may be called. The scripts are
 * compiled to their syntax tree and checked: no import; no class of Jenkins, a plugin or this
 * plugin named anywhere (types, casts, catch clauses, static calls, constructors); constructors
 * and methods on values only from a short list found in script-security's generic-whitelist
 * ({@code src/main/resources/org/jenkinsci/plugins/scriptsecurity/sandbox/whitelists/generic-whitelist});
 * calls without a receiver only to Pipeline steps the library requires or to the script's own
 * methods. Anything else would need an administrator's script approval.
 */
class LibrarySandboxTest {

    /** Pipeline steps the library calls (forecastPipeline.txt, REQUIRES). */
    static final Set<String> STEPS = Set.of(
            // this plugin
            "influxExtract", "score", "forecast", "influxLoad", "forecastPlan", "forecastPodYaml", "forecastSummary", "forecastFailure",
            // Pipeline: Basic Steps, Groovy, Job, Multibranch
            "echo", "error", "writeFile", "archiveArtifacts", "timeout", "retry", "catchError", "stage", "node", "parallel",
            "properties", "pipelineTriggers", "cron", "disableConcurrentBuilds", "buildDiscarder", "logRotator", "readTrusted",
            // Kubernetes
            "podTemplate", "container", "kubernetesAgent", "nonresumable");

    /** generic-whitelist: "method java.util.Map keySet", "method java.util.Collection size". */
    static final Set<String> METHODS_ON_VALUES = Set.of("keySet", "size");

    /** generic-whitelist: "new java.util.ArrayList java.util.Collection". */
    static final Set<String> CONSTRUCTORS = Set.of("java.util.ArrayList");

    /** Types a declaration or cast may name: the JDK's basic ones and Groovy's. */
    static boolean harmlessType(ClassNode type) {
        String n = type.getName();
        return n.startsWith("java.lang.") || n.startsWith("java.util.") || n.startsWith("groovy.lang.")
                || org.codehaus.groovy.ast.ClassHelper.isPrimitiveType(type) || n.equals("java.lang.Object");
    }

    static List<String> violations(String name, String text) {
        CompilerConfiguration config = new CompilerConfiguration();
        CompilationUnit unit = new CompilationUnit(config, null, new GroovyClassLoader(LibrarySandboxTest.class.getClassLoader()));
        SourceUnit source = unit.addSource(name, text);
        unit.compile(Phases.SEMANTIC_ANALYSIS);
        ModuleNode module = source.getAST();
        List<String> out = new ArrayList<>();
        for (ImportNode i : module.getImports()) {
            out.add(name + ": import " + i.getClassName());
        }
        for (ImportNode i : module.getStarImports()) {
            out.add(name + ": import " + i.getPackageName() + "*");
        }
        for (ImportNode i : module.getStaticImports().values()) {
            out.add(name + ": import static " + i.getClassName() + "." + i.getFieldName());
        }
        for (ImportNode i : module.getStaticStarImports().values()) {
            out.add(name + ": import static " + i.getClassName() + ".*");
        }
        Set<String> ownMethods = new HashSet<>();
        for (ClassNode c : module.getClasses()) {
            for (MethodNode m : c.getMethods()) {
                ownMethods.add(m.getName());
            }
        }
        ClassCodeVisitorSupport visitor = new ClassCodeVisitorSupport() {
            @Override
            protected SourceUnit getSourceUnit() {
                return source;
            }

            private void add(ASTNode node, String what) {
                // nodes without a line are the compiler's own (the script class's main and run methods)
                if (node.getLineNumber() > 0) {
                    out.add(name + ":" + node.getLineNumber() + ": " + what);
                }
            }

            private void type(ASTNode node, ClassNode type, String where) {
                if (!harmlessType(type)) {
                    add(node, where + " names " + type.getName());
                }
            }

            @Override
            public void visitAnnotations(AnnotatedNode node) {
                for (AnnotationNode a : node.getAnnotations()) {
                    add(node, "annotation @" + a.getClassNode().getName());
                }
                super.visitAnnotations(node);
            }

            @Override
            public void visitMethod(MethodNode node) {
                for (Parameter p : node.getParameters()) {
                    type(node, p.getType(), "parameter " + p.getName());
                }
                type(node, node.getReturnType(), "return type of " + node.getName());
                super.visitMethod(node);
            }

            @Override
            public void visitDeclarationExpression(DeclarationExpression e) {
                if (e.getLeftExpression() instanceof VariableExpression v) {
                    type(e, v.getOriginType(), "variable " + v.getName());
                }
                super.visitDeclarationExpression(e);
            }

            @Override
            public void visitCastExpression(CastExpression e) {
                type(e, e.getType(), "cast");
                super.visitCastExpression(e);
            }

            @Override
            public void visitCatchStatement(CatchStatement s) {
                type(s, s.getExceptionType(), "catch");
                super.visitCatchStatement(s);
            }

            @Override
            public void visitClassExpression(ClassExpression e) {
                add(e, "class reference " + e.getType().getName());
                super.visitClassExpression(e);
            }

            @Override
            public void visitConstructorCallExpression(ConstructorCallExpression e) {
                if (!CONSTRUCTORS.contains(e.getType().getName())) {
                    add(e, "new " + e.getType().getName());
                }
                super.visitConstructorCallExpression(e);
            }

            @Override
            public void visitStaticMethodCallExpression(StaticMethodCallExpression e) {
                add(e, "static call " + e.getOwnerType().getName() + "." + e.getMethod());
                super.visitStaticMethodCallExpression(e);
            }

            @Override
            public void visitPropertyExpression(PropertyExpression e) {
                if (e.getObjectExpression() instanceof ClassExpression c) {
                    add(e, "static field " + c.getType().getName() + "." + e.getPropertyAsString());
                }
                super.visitPropertyExpression(e);
            }

            @Override
            public void visitMethodCallExpression(MethodCallExpression e) {
                String method = e.getMethodAsString();
                if (e.getObjectExpression() instanceof ClassExpression c) {
                    add(e, "static call " + c.getType().getName() + "." + method);
                } else if (e.isImplicitThis()) {
                    if (!STEPS.contains(method) && !ownMethods.contains(method)) {
                        add(e, "call of " + method + ", neither a required Pipeline step nor a method of the script");
                    }
                } else if (!METHODS_ON_VALUES.contains(method)) {
                    add(e, "method " + method + " on a value: not in the list taken from the whitelist");
                }
                super.visitMethodCallExpression(e);
            }
        };
        for (ClassNode c : module.getClasses()) {
            visitor.visitClass(c);
        }
        return out;
    }

    static List<Path> vars() throws IOException {
        try (Stream<Path> files = Files.list(PipelineHarness.REPO.resolve("vars"))) {
            return files.filter(p -> p.toString().endsWith(".groovy")).sorted().toList();
        }
    }

    @Test
    void varsCallOnlyStepsAndWhitelistedMethods() throws IOException {
        List<Path> files = vars();
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("forecastPipeline.groovy", "forecastPod.groovy");
        for (Path p : files) {
            assertThat(violations(p.getFileName().toString(), Files.readString(p))).as(p.toString()).isEmpty();
        }
    }

    /** The check itself: the library as it was (calling the plugin's classes) is refused, each way named. */
    @Test
    void pluginClassesAreFoundHoweverTheyAreReached() {
        String text = """
                import io.jenkins.plugins.influxforecast.library.ForecastJob

                def call(Map params = [:]) {
                    Map plan = ForecastJob.plan('text', 'forecasts.yaml', env.JOB_NAME)
                    def job = new io.jenkins.plugins.influxforecast.library.JobConfig('H * * * *', 'UTC', 1, null, 0, 'FAILURE', [])
                    String x = io.jenkins.plugins.influxforecast.library.ForecastJob.DEFAULT_CONFIG
                    try {
                        stage('a') { echo(plan.cron.toUpperCase()) }
                    } catch (hudson.AbortException e) {
                        sh('exit 1')
                    }
                    return jenkins.model.Jenkins.get()
                }
                """;
        List<String> v = violations("bad.groovy", text);
        assertThat(v).anyMatch(s -> s.contains("import io.jenkins.plugins.influxforecast.library.ForecastJob"))
                .anyMatch(s -> s.contains("static call io.jenkins.plugins.influxforecast.library.ForecastJob.plan"))
                .anyMatch(s -> s.contains("new io.jenkins.plugins.influxforecast.library.JobConfig"))
                .anyMatch(s -> s.contains("static field io.jenkins.plugins.influxforecast.library.ForecastJob.DEFAULT_CONFIG"))
                .anyMatch(s -> s.contains("catch names hudson.AbortException"))
                .anyMatch(s -> s.contains("static call jenkins.model.Jenkins.get"))
                .anyMatch(s -> s.contains("method toUpperCase on a value"))
                .anyMatch(s -> s.contains("call of sh, neither a required Pipeline step"));
    }
}
