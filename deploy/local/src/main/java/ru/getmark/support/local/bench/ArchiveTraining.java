package ru.getmark.support.local.bench;

import ru.getmark.support.local.ClassArchive;
import ru.getmark.support.local.LocalStack;
import ru.getmark.support.local.ServiceSpec;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Before anything is measured: makes sure every service has a class-data archive of its current packaged app
 * ({@link ClassArchive}), so that the measured starts all use one — as every start after the first does with
 * {@code ./getmark up}. A service without a usable archive gets a training start and stop, one at a time, on a stack
 * of its own in a throwaway data folder (its archive is written as it stops); nothing of it is measured, and the
 * report names the services it recorded. The archives stay in {@code <module>/target/getmark-cds} for later runs.
 */
final class ArchiveTraining {

    private ArchiveTraining() {
    }

    static BenchReport.ClassArchives run(LocalStack.Config config, PrintStream out) {
        if (!config.classArchives()) {
            out.println("0. Class-data archives: off (--no-class-archives): every start is a plain JVM start");
            return new BenchReport.ClassArchives(false, List.of(), Map.of(), 0);
        }
        Map<String, String> reasons = new LinkedHashMap<>();
        for (ServiceSpec service : config.services()) {
            ClassArchive.Decision decision = config.classArchiveDecision(service.module());
            if (decision.mode() == ClassArchive.Mode.RECORD) {
                reasons.put(service.module(), decision.reason());
            }
        }
        if (reasons.isEmpty()) {
            out.println("0. Class-data archives: every service has one of its current packaged app (recorded by an "
                    + "earlier run); every start uses it");
            return new BenchReport.ClassArchives(true, List.of(), Map.of(), 0);
        }
        out.println("0. Class-data archives: recording them first by a training start and stop (not measured) of "
                + reasons);
        Instant begin = Instant.now();
        Benchmark.inStack(config, out, stack -> {
            for (String module : reasons.keySet()) {
                LocalStack.ServiceStart start = stack.startService(module);
                out.printf("   %-16s training start: ready in %,d ms; stopping it (the JVM writes the archive)...%n",
                        module, start.toReady().toMillis());
                Instant stopping = Instant.now();
                stack.stopService(module);
                out.printf("   %-16s stopped in %.1f s%n", module,
                        Duration.between(stopping, Instant.now()).toMillis() / 1000.0);
            }
            return null;
        });
        List<String> recorded = new ArrayList<>();
        for (String module : reasons.keySet()) {
            if (config.classArchiveDecision(module).mode() == ClassArchive.Mode.USE) {
                recorded.add(module);
            } else {
                out.println("   " + module + ": no archive after the training (its starts run without one)");
            }
        }
        double seconds = Stats.round(Duration.between(begin, Instant.now()).toMillis() / 1000.0, 1);
        out.printf("   recorded %d archive(s) in %.0f s%n", recorded.size(), seconds);
        return new BenchReport.ClassArchives(true, recorded, reasons, seconds);
    }
}
