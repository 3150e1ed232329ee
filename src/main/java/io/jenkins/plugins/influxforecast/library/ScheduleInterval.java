package io.jenkins.plugins.influxforecast.library;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fixed interval between the builds of a cron schedule, when it has one: the {@code every} of
 * the score step, whose missed slots a forecast's backfill fills. Only schedules whose runs are
 * evenly spaced qualify: one line, day of month and month {@code *}, and minute and hour a single
 * value ({@code 7}, {@code H}, {@code H(0-29)}) or an even step ({@code *}{@code /N}, {@code H/N}
 * with N dividing 60 or 24). {@code H 6 * * 1-5} (working days) or two lines have none.
 */
final class ScheduleInterval {

    private static final Pattern SINGLE = Pattern.compile("\\d{1,2}|H|H\\(\\d{1,2}-\\d{1,2}\\)");
    private static final Pattern STEP = Pattern.compile("(?:\\*|H)/(\\d{1,2})");

    private ScheduleInterval() {
    }

    /** The interval of the schedule (comment lines ignored), or empty when its runs are not evenly spaced. */
    static Optional<Duration> of(String schedule) {
        List<String> lines = new ArrayList<>();
        for (String line : schedule.split("\n")) {
            String l = line.trim();
            if (!l.isEmpty() && !l.startsWith("#")) {
                lines.add(l);
            }
        }
        if (lines.size() != 1) {
            return Optional.empty();
        }
        String line = lines.get(0);
        switch (line) {
            case "@hourly":
                return Optional.of(Duration.ofHours(1));
            case "@daily":
            case "@midnight":
                return Optional.of(Duration.ofDays(1));
            case "@weekly":
                return Optional.of(Duration.ofDays(7));
            default:
                break;
        }
        String[] f = line.split("\\s+");
        if (f.length != 5 || !f[2].equals("*") || !f[3].equals("*")) {
            return Optional.empty();
        }
        String minute = f[0];
        String hour = f[1];
        String dayOfWeek = f[4];
        boolean everyDay = dayOfWeek.equals("*");
        boolean oneDay = dayOfWeek.matches("[0-7]|H");
        Integer minuteStep = step(minute, 60);
        if (everyDay && hour.equals("*") && (minute.equals("*") || minuteStep != null)) {
            return Optional.of(Duration.ofMinutes(minute.equals("*") ? 1 : minuteStep));
        }
        if (!SINGLE.matcher(minute).matches()) {
            return Optional.empty();
        }
        Integer hourStep = step(hour, 24);
        if (everyDay && hour.equals("*")) {
            return Optional.of(Duration.ofHours(1));
        }
        if (everyDay && hourStep != null) {
            return Optional.of(Duration.ofHours(hourStep));
        }
        if (SINGLE.matcher(hour).matches()) {
            if (everyDay) {
                return Optional.of(Duration.ofDays(1));
            }
            if (oneDay) {
                return Optional.of(Duration.ofDays(7));
            }
        }
        return Optional.empty();
    }

    /** N of {@code *}{@code /N} or {@code H/N} when N divides {@code range} evenly, else null. */
    private static Integer step(String field, int range) {
        Matcher m = STEP.matcher(field);
        if (!m.matches()) {
            return null;
        }
        int n = Integer.parseInt(m.group(1));
        return n >= 1 && n <= range && range % n == 0 ? n : null;
    }
}
