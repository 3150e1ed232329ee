package io.jenkins.plugins.influxforecast.cli;

import io.jenkins.plugins.influxforecast.influx.InfluxException;
import io.jenkins.plugins.influxforecast.pipeline.CommandDef;
import io.jenkins.plugins.influxforecast.pipeline.Commands;
import io.jenkins.plugins.influxforecast.pipeline.EngineVersion;
import io.jenkins.plugins.influxforecast.pipeline.ExitCodes;
import io.jenkins.plugins.influxforecast.pipeline.ExtractRequest;
import io.jenkins.plugins.influxforecast.pipeline.ExtractRunner;
import io.jenkins.plugins.influxforecast.pipeline.ForecastRequest;
import io.jenkins.plugins.influxforecast.pipeline.ForecastRunner;
import io.jenkins.plugins.influxforecast.pipeline.LoadRequest;
import io.jenkins.plugins.influxforecast.pipeline.LoadRunner;
import io.jenkins.plugins.influxforecast.pipeline.OptionDef;
import io.jenkins.plugins.influxforecast.pipeline.ScoreRequest;
import io.jenkins.plugins.influxforecast.pipeline.ScoreRunner;
import io.jenkins.plugins.influxforecast.pipeline.SeriesFailedException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The engine's command line: {@code forecast}, {@code demo}, {@code version} (and the InfluxDB
 * commands). Subcommands and their options are built from {@link Commands}, the definitions the
 * Pipeline steps use too. Errors are one line on stderr and a non-zero exit code
 * ({@link ExitCodes}); the engine never reads stdin.
 */
public final class Main {

    /** Runs one parsed subcommand; returns the exit code. */
    @FunctionalInterface
    interface Handler {
        int run(Map<String, Object> options, Console console) throws Exception;
    }

    /**
     * Where a command writes: its log on {@code out}, a progress line on {@code err} when
     * {@code errIsTerminal}.
     */
    record Console(PrintStream out, PrintStream err, boolean errIsTerminal) {
    }

    /**
     * The subcommands, built on first use: {@code version} (the steps' check of an installed engine)
     * answers without them, so it loads neither picocli nor the option definitions.
     */
    private static final class Registry {
        static final Map<String, Handler> HANDLERS = new LinkedHashMap<>();
        static final Map<String, CommandDef> COMMANDS = new LinkedHashMap<>();

        static {
            add(Commands.FORECAST, Main::forecast);
            add(Demo.COMMAND, (options, console) -> Demo.run(options, console.out()));
            add(Commands.EXTRACT, Main::extract);
            add(Commands.LOAD, Main::load);
            add(Commands.SCORE, Main::score);
        }

        private static void add(CommandDef def, Handler handler) {
            COMMANDS.put(def.name(), def);
            HANDLERS.put(def.name(), handler);
        }
    }

    private Main() {
    }

    public static void main(String[] args) {
        if (isVersion(args)) {
            System.out.println(EngineVersion.get());
            System.exit(ExitCodes.OK);
        }
        System.setProperty("java.awt.headless", "true");
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
        boolean terminal = TerminalProgress.stderrIsTerminal(System.getenv(), java.nio.file.Path.of("/proc/self/fd/2"));
        System.exit(run(args, new Console(out, err, terminal)));
    }

    /** {@code version} or {@code --version} alone: what picocli would print for them, without picocli. */
    static boolean isVersion(String[] args) {
        return args.length == 1 && (args[0].equals("version") || args[0].equals("--version") || args[0].equals("-V"));
    }

    /** Runs the command line in this JVM; returns the exit code. No progress line: {@code err} is not a terminal. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, new Console(out, err, false));
    }

    static int run(String[] args, Console console) {
        PrintStream out = console.out();
        PrintStream err = console.err();
        if (isVersion(args)) {
            out.println(EngineVersion.get());
            return ExitCodes.OK;
        }
        CommandLine cl = new CommandLine(rootSpec());
        cl.setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8), true));
        cl.setErr(new java.io.PrintWriter(new java.io.OutputStreamWriter(err, java.nio.charset.StandardCharsets.UTF_8), true));
        ParseResult pr;
        try {
            pr = cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            // an unknown option is the likelier cause of a missing required one (--imput for --input): say it first
            CommandLine where = e.getCommandLine();
            List<String> unmatched = where.getParseResult() == null ? List.of() : where.getParseResult().unmatched();
            if (!(e instanceof CommandLine.UnmatchedArgumentException) && !unmatched.isEmpty()) {
                err.println("error: unknown option '" + unmatched.get(0) + "'" + nearest(where.getCommandSpec(), unmatched.get(0)));
            } else {
                err.println("error: " + e.getMessage().strip() + didYouMean(e));
            }
            String command = where.getCommandName();
            err.println("Try 'java -jar influx-forecast-cli.jar " + (command.equals(ROOT) ? "" : command + " ") + "--help'.");
            return ExitCodes.BAD_INPUT;
        }
        if (CommandLine.printHelpIfRequested(pr)) {
            return ExitCodes.OK;
        }
        if (!pr.hasSubcommand()) {
            cl.usage(out);
            return ExitCodes.BAD_INPUT;
        }
        ParseResult sub = pr.subcommand();
        String name = sub.commandSpec().name();
        if (name.equals("version")) {
            out.println(EngineVersion.get());
            return ExitCodes.OK;
        }
        if (name.equals("help")) {
            return help(cl, sub, out, err);
        }
        Map<String, Object> values = values(Registry.COMMANDS.get(name), sub);
        try {
            return Registry.HANDLERS.get(name).run(values, console);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (InfluxException | SeriesFailedException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.FAILED;
        } catch (IOException | UncheckedIOException e) {
            err.println("error: " + describe(e));
            return ExitCodes.FAILED;
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            err.println("error: internal error: " + describe(e));
            return ExitCodes.FAILED;
        }
    }

    private static String describe(Throwable e) {
        String msg = e.getMessage();
        if (e instanceof UncheckedIOException && msg != null && !msg.isBlank() && e.getCause() != null) {
            // our own wording ("cannot write <file>: ..."), then what the file system said
            return msg + " (" + e.getCause().getClass().getSimpleName() + ")";
        }
        return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + msg;
    }

    /** Prints the help of the command named after {@code help} (or of the whole command line). */
    private static int help(CommandLine cl, ParseResult sub, PrintStream out, PrintStream err) {
        String wanted = sub.matchedPositionalValue(0, (String) null);
        if (wanted == null) {
            cl.usage(out);
            return ExitCodes.OK;
        }
        CommandLine target = cl.getSubcommands().get(wanted);
        if (target == null) {
            String hint = HelpText.nearest(wanted, cl.getSubcommands().keySet()).map(n -> "; did you mean " + n + "?").orElse("");
            err.println("error: unknown command '" + wanted + "'" + hint + " Commands: " + String.join(", ", cl.getSubcommands().keySet()) + ".");
            return ExitCodes.BAD_INPUT;
        }
        target.usage(out);
        return ExitCodes.OK;
    }

    /** "; did you mean --model?" for an unknown option or command close to a known one, else "". */
    private static String didYouMean(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
            return "";
        }
        String typed = u.getUnmatched().get(0);
        return nearest(e.getCommandLine().getCommandSpec(), typed);
    }

    private static String nearest(CommandSpec spec, String typed) {
        Collection<String> known = typed.startsWith("-")
                ? spec.options().stream().map(OptionSpec::longestName).toList()
                : spec.subcommands().keySet();
        return HelpText.nearest(typed, known).map(n -> " (did you mean " + n + "?)").orElse("");
    }

    private static final String ROOT = "influx-forecast-cli";

    static CommandSpec rootSpec() {
        CommandSpec root = CommandSpec.create().name(ROOT).version(EngineVersion.get());
        root.mixinStandardHelpOptions(true);
        root.usageMessage().description(HelpText.wrap("influx-forecast engine " + EngineVersion.get()
                + ": forecasts time series from InfluxDB exports. Exit codes: 0 ok, 1 failure, 2 bad input, 3 unstable (partly failed).",
                HelpText.WIDTH - 2));
        for (CommandDef def : Registry.COMMANDS.values()) {
            root.addSubcommand(def.name(), spec(def));
        }
        CommandSpec version = CommandSpec.create().name("version");
        version.mixinStandardHelpOptions(true);
        version.usageMessage().description("Print the engine version.");
        examples(version, "version");
        root.addSubcommand("version", version);
        CommandSpec help = CommandSpec.create().name("help");
        help.mixinStandardHelpOptions(true);
        help.usageMessage().description("Print the help of a command: help forecast.");
        help.addPositional(CommandLine.Model.PositionalParamSpec.builder().index("0").arity("0..1")
                .paramLabel("<command>").type(String.class).description("The command.").build());
        root.addSubcommand("help", help);
        root.usageMessage().footerHeading("%nExamples:%n").footer(String.join("%n",
                "java -jar influx-forecast-cli.jar demo",
                "java -jar influx-forecast-cli.jar help forecast",
                "java -jar influx-forecast-cli.jar forecast --input in.csv --output-dir out") + "%n");
        return root;
    }

    private static void examples(CommandSpec spec, String command) {
        List<String> lines = HelpText.examples(command);
        if (!lines.isEmpty()) {
            spec.usageMessage().footerHeading("%nExamples:%n")
                    .footer(String.join("%n", lines.stream().map(l -> l.replace("%", "%%")).toList()) + "%n");
        }
    }

    static CommandSpec spec(CommandDef def) {
        CommandSpec spec = CommandSpec.create().name(def.name());
        spec.mixinStandardHelpOptions(true);
        spec.usageMessage().description(HelpText.wrap(def.description(), HelpText.WIDTH - 2));
        // the one line of the command list in the top-level help
        spec.usageMessage().header(HelpText.summary(def.name()));
        examples(spec, def.name());
        for (OptionDef o : def.options()) {
            OptionSpec.Builder b = OptionSpec.builder(o.cli()).description(description(o)).required(o.required());
            switch (o.type()) {
                case INT -> b.type(Integer.class).paramLabel("<n>");
                case DOUBLE -> b.type(Double.class).paramLabel("<x>");
                case BOOLEAN -> b.type(boolean.class).arity("0");
                case LIST -> b.type(List.class).auxiliaryTypes(String.class).paramLabel("<" + o.name() + ">");
                default -> b.type(String.class).paramLabel("<" + o.name() + ">");
            }
            spec.addOption(b.build());
        }
        return spec;
    }

    /**
     * An option's help text for picocli, wrapped at spaces to the description column (see {@link HelpText#wrap}); picocli
     * reads it as a format string, so a literal {@code %} ("10% of the points") is doubled.
     */
    static String description(OptionDef o) {
        String help = o.help() + (o.defaultValue() != null ? " Default: " + o.defaultValue() + "." : "");
        return HelpText.wrap(help, HelpText.OPTION_COLUMN);
    }

    static Map<String, Object> values(CommandDef def, ParseResult pr) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (OptionDef o : def.options()) {
            if (pr.hasMatchedOption(o.cli())) {
                values.put(o.name(), pr.matchedOptionValue(o.cli(), null));
            }
        }
        return values;
    }

    /** forecast: one line per series, or a progress line when stderr is a terminal. */
    private static int forecast(Map<String, Object> options, Console console) throws IOException {
        ForecastRequest req = ForecastRequest.fromOptions(options);
        ForecastRunner.Progress progress = console.errIsTerminal()
                ? new TerminalProgress(console.err(), TerminalProgress.width(System.getenv())) : null;
        return new ForecastRunner(console.out()::println, progress).run(req).exitCode();
    }

    /** extract: InfluxDB to the forecast's input CSV; credentials from INFLUX_USERNAME/INFLUX_PASSWORD/INFLUX_TOKEN. */
    private static int extract(Map<String, Object> options, Console console) {
        ExtractRequest req = ExtractRequest.fromOptions(options, System.getenv(), java.nio.file.Path.of(""));
        return ExtractRunner.run(req, console.out()::println).exitCode();
    }

    /** score: past forecasts against the actuals; exit 3 when live accuracy drifted or failed maxLiveMase. */
    private static int score(Map<String, Object> options, Console console) throws IOException {
        ScoreRequest req = ScoreRequest.fromOptions(options, System.getenv(), java.nio.file.Path.of(""), java.time.Instant.now());
        return ScoreRunner.run(req, console.out()::println).exitCode();
    }

    /** load: a line-protocol file to InfluxDB; exit 3 when it failed and --unstable-on-failure was given. */
    private static int load(Map<String, Object> options, Console console) {
        LoadRequest req = LoadRequest.fromOptions(options, System.getenv(), java.nio.file.Path.of(""));
        return LoadRunner.run(req, console.out()::println).exitCode();
    }
}
