package vn.congdoan.award.security;

import java.lang.reflect.Field;

/**
 * Reads what an engine command was given. Camunda's command objects keep their arguments in protected
 * fields and no public API tells them; the guards read them here, in one place to adapt if an engine
 * version renames a field.
 */
final class CommandFields {
  private CommandFields() {}

  @SuppressWarnings("unchecked")
  static <V> V read(Object command, Class<?> declaring, String name) {
    try {
      Field f = declaring.getDeclaredField(name);
      f.setAccessible(true);
      return (V) f.get(command);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Camunda's " + declaring.getSimpleName() + " has no field " + name
          + ": the security guards must be adapted to this engine version", e);
    }
  }
}
