package io.jenkins.plugins.influxforecast.steps;

import java.util.ArrayList;
import java.util.List;

/**
 * A small program the process tests package as a jar and launch through {@link EngineProcess}, to
 * drive the cases the real engine cannot be made to hit on demand (SIGKILL, heap exhaustion, a
 * hang). The real engine is exercised by the *IT tests.
 */
public final class TestEngineMain {

    private TestEngineMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--version")) {
            System.out.println("influx-forecast " + TestEngineMain.class.getPackage().getImplementationVersion());
            return;
        }
        switch (args[0]) {
            case "env" -> {
                for (int i = 1; i < args.length; i++) {
                    System.out.println(args[i] + "=" + System.getenv(args[i]));
                }
            }
            case "envcheck" -> {
                String actual = System.getenv(args[1]);
                String hex = actual == null ? "" : java.util.HexFormat.of().formatHex(actual.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                System.out.println(hex.equals(args[2]) ? "match" : "mismatch");
            }
            case "args" -> System.out.println(String.join("|", List.of(args).subList(1, args.length)));
            case "stderr" -> {
                System.out.println("working");
                System.err.println("error: " + args[1]);
                System.exit(Integer.parseInt(args[2]));
            }
            case "sleep" -> {
                System.out.println("sleeping");
                System.out.flush();
                Thread.sleep(Long.parseLong(args[1]));
            }
            case "kill9" -> {
                System.out.println("about to be killed");
                System.out.flush();
                new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start().waitFor();
                Thread.sleep(10_000);
            }
            case "oom" -> {
                List<long[]> hog = new ArrayList<>();
                while (true) {
                    hog.add(new long[1 << 20]);
                }
            }
            case "partial" -> {
                System.out.print("no newline at the end");
                System.out.flush();
            }
            default -> {
                System.err.println("error: unknown command " + args[0]);
                System.exit(2);
            }
        }
    }
}
