package vn.congdoan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** CPU time of processes, read from Linux's /proc (clock ticks of 10 ms). */
final class ProcessCpu {
  private static final long TICK_MS = 10;

  private ProcessCpu() {}

  /**
   * User + system time of the process; with {@code withChildren}, plus the time of its children that have
   * exited (how PostgreSQL's postmaster accounts for its ended backends).
   */
  static long millis(long pid, boolean withChildren) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields after the name: state(0) ... utime(11) stime(12) cutime(13) cstime(14)
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      if (withChildren) {
        ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
      }
      return ticks * TICK_MS;
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  /** CPU time of every running process named {@code postgres}, ended backends included. */
  static long postgresMillis() {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> {
            try {
              return Files.readString(p.resolve("comm")).trim().equals("postgres");
            } catch (IOException gone) {
              return false;
            }
          })
          .mapToLong(p -> millis(Long.parseLong(p.getFileName().toString()), true))
          .sum();
    } catch (IOException e) {
      return 0;
    }
  }
}
