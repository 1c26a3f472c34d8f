package vn.congdoan.award.support;

/** Looks through an exception's causes: the engine wraps what listeners and delegates throw. */
public final class Causes {
  private Causes() {}

  /** The first throwable of the given type in the cause chain, or null. */
  public static <T extends Throwable> T find(Throwable throwable, Class<T> type) {
    for (Throwable t = throwable; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
