package ru.getmark.support.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a run measured: figures mean little without it.
 *
 * @param cores     processors the JVM sees
 * @param memoryMib total memory ({@code MemTotal} of {@code /proc/meminfo})
 * @param cpu       the CPU model
 * @param os        the distribution ({@code PRETTY_NAME} of {@code /etc/os-release}) or os.name
 * @param kernel    os.version
 * @param java      java.version and the VM
 */
record Machine(int cores, long memoryMib, String cpu, String os, String kernel, String java) {

    static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), memTotalMib(), cpuModel(), osName(),
                System.getProperty("os.version"),
                System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                        + System.getProperty("java.vendor") + ")");
    }

    /** The 1-minute load average ({@code /proc/loadavg}), or -1: other work on the machine disturbs the figures. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long memTotalMib() {
        for (String line : lines("/proc/meminfo")) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return Runtime.getRuntime().maxMemory() / (1024 * 1024);
    }

    private static String cpuModel() {
        for (String line : lines("/proc/cpuinfo")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return System.getProperty("os.arch");
    }

    private static String osName() {
        for (String line : lines("/etc/os-release")) {
            if (line.startsWith("PRETTY_NAME=")) {
                return line.substring("PRETTY_NAME=".length()).replace("\"", "");
            }
        }
        return System.getProperty("os.name");
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
