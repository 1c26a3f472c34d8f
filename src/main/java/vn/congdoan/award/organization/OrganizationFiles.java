package vn.congdoan.award.organization;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads and checks the organisation's data files (units.yml, rounds.yml, demo-users.yml). A mistake in
 * them stops the startup with the file and the entry named, rather than half-loading a hierarchy.
 */
final class OrganizationFiles {

  private static final Pattern UNIT_CODE = Pattern.compile("[a-z0-9_]+");
  private static final Set<String> ROUND_KINDS = Set.of("ANNUAL", "THEMATIC", "AD_HOC");

  record Units(List<Unit> versions) {

    /** The latest version of every unit, in file order: what the unit's groups are named after. */
    Collection<Unit> latest() {
      Map<String, Unit> latest = new LinkedHashMap<>();
      for (Unit version : versions) {
        latest.merge(version.code(), version,
            (a, b) -> a.validFrom().isAfter(b.validFrom()) ? a : b);
      }
      return latest.values();
    }
  }

  record Round(String code, String name, String kind, int year, LocalDate opensOn, LocalDate closesOn) {}

  record DemoUser(String id, String firstName, String lastName, String email, Set<String> groups) {}

  private OrganizationFiles() {}

  static Units readUnits(Resource resource) {
    Map<String, Object> root = load(resource);
    List<Unit> versions = new ArrayList<>();
    for (Object entry : list(root.get("units"), resource, "units")) {
      Map<String, Object> unit = map(entry, resource, "units[]");
      String code = string(unit.get("code"), resource, "units[].code");
      String where = "unit " + code;
      if (!UNIT_CODE.matcher(code).matches()) {
        throw invalid(resource, where + ": a code is lowercase ASCII letters, digits and '_'");
      }
      UnitKind kind = kind(string(unit.get("kind"), resource, where + ".kind"), resource, where);
      List<Object> versionEntries = unit.containsKey("versions")
          ? list(unit.get("versions"), resource, where + ".versions")
          : List.of(Map.of());
      for (Object versionEntry : versionEntries) {
        Map<String, Object> version = new LinkedHashMap<>(unit);
        version.putAll(map(versionEntry, resource, where + ".versions[]"));
        versions.add(new Unit(
            code,
            string(version.get("name"), resource, where + ".name"),
            kind,
            optionalString(version.get("parent")),
            optionalString(version.get("block")),
            optionalString(version.get("decisionCode")),
            date(version.get("validFrom"), resource, where + ".validFrom"),
            optionalDate(version.get("validTo"), resource, where + ".validTo")));
      }
    }
    checkUnits(versions, resource);
    return new Units(List.copyOf(versions));
  }

  static List<Round> readRounds(Resource resource) {
    List<Round> rounds = new ArrayList<>();
    for (Object entry : list(load(resource).get("rounds"), resource, "rounds")) {
      Map<String, Object> round = map(entry, resource, "rounds[]");
      String code = string(round.get("code"), resource, "rounds[].code");
      String where = "round " + code;
      Round parsed = new Round(
          code,
          string(round.get("name"), resource, where + ".name"),
          string(round.get("kind"), resource, where + ".kind"),
          year(round.get("year"), resource, where),
          date(round.get("opensOn"), resource, where + ".opensOn"),
          date(round.get("closesOn"), resource, where + ".closesOn"));
      if (!ROUND_KINDS.contains(parsed.kind())) {
        throw invalid(resource, where + ": kind is one of " + ROUND_KINDS);
      }
      if (parsed.closesOn().isBefore(parsed.opensOn())) {
        throw invalid(resource, where + ": closesOn is before opensOn");
      }
      rounds.add(parsed);
    }
    return rounds;
  }

  /** @param groups the group ids that exist, so that a typo in a membership fails here */
  static List<DemoUser> readDemoUsers(Resource resource, Set<String> groups) {
    List<DemoUser> users = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Object entry : list(load(resource).get("users"), resource, "users")) {
      Map<String, Object> user = map(entry, resource, "users[]");
      String id = string(user.get("id"), resource, "users[].id");
      String where = "user " + id;
      if (!ids.add(id)) {
        throw invalid(resource, where + " is listed twice");
      }
      Set<String> memberships = new LinkedHashSet<>();
      for (Object group : list(user.getOrDefault("groups", List.of()), resource, where + ".groups")) {
        String groupId = string(group, resource, where + ".groups[]");
        if (!groups.contains(groupId)) {
          throw invalid(resource, where + ": group " + groupId + " is not the group of a unit in the units file");
        }
        memberships.add(groupId);
      }
      users.add(new DemoUser(
          id,
          string(user.get("firstName"), resource, where + ".firstName"),
          string(user.get("lastName"), resource, where + ".lastName"),
          optionalString(user.get("email")),
          memberships));
    }
    return users;
  }

  private static void checkUnits(List<Unit> versions, Resource resource) {
    Set<String> codes = new HashSet<>();
    versions.forEach(version -> codes.add(version.code()));
    for (Unit version : versions) {
      String where = "unit " + version.code() + " from " + version.validFrom();
      if (version.validTo() != null && !version.validTo().isAfter(version.validFrom())) {
        throw invalid(resource, where + ": validTo must be after validFrom");
      }
      boolean isProvince = version.kind() == UnitKind.PROVINCE;
      if (isProvince != (version.parentCode() == null)) {
        throw invalid(resource, where + ": the province has no parent, every other unit has one");
      }
      if (version.parentCode() != null && !codes.contains(version.parentCode())) {
        throw invalid(resource, where + ": parent " + version.parentCode() + " is not in the file");
      }
      // Overlapping versions would make "the parent on day D" ambiguous.
      for (Unit other : versions) {
        if (other != version && other.code().equals(version.code()) && overlap(version, other)) {
          throw invalid(resource, where + ": overlaps the version from " + other.validFrom());
        }
      }
    }
  }

  private static UnitKind kind(String kind, Resource resource, String where) {
    try {
      return UnitKind.valueOf(kind);
    } catch (IllegalArgumentException e) {
      throw invalid(resource, where + ": kind " + kind + " is not one of " + List.of(UnitKind.values()));
    }
  }

  private static int year(Object year, Resource resource, String where) {
    if (!(year instanceof Integer value)) {
      throw invalid(resource, where + ": year must be a number such as 2026");
    }
    return value;
  }

  private static boolean overlap(Unit a, Unit b) {
    boolean aEndsBeforeB = a.validTo() != null && !a.validTo().isAfter(b.validFrom());
    boolean bEndsBeforeA = b.validTo() != null && !b.validTo().isAfter(a.validFrom());
    return !aEndsBeforeB && !bEndsBeforeA;
  }

  private static Map<String, Object> load(Resource resource) {
    try (InputStream in = resource.getInputStream()) {
      Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      return root == null ? Map.of() : map(root, resource, "the document");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource.getDescription(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, Resource resource, String where) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map)) {
      throw invalid(resource, where + " must be a mapping");
    }
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value, Resource resource, String where) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List)) {
      throw invalid(resource, where + " must be a list");
    }
    return (List<Object>) value;
  }

  private static String string(Object value, Resource resource, String where) {
    String text = optionalString(value);
    if (text == null) {
      throw invalid(resource, where + " is missing");
    }
    return text;
  }

  private static String optionalString(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }

  private static LocalDate date(Object value, Resource resource, String where) {
    LocalDate date = optionalDate(value, resource, where);
    if (date == null) {
      throw invalid(resource, where + " is missing");
    }
    return date;
  }

  private static LocalDate optionalDate(Object value, Resource resource, String where) {
    // SnakeYAML turns an unquoted 2025-07-01 into a java.util.Date at midnight UTC.
    if (value instanceof Date date) {
      return date.toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
    }
    try {
      return value == null ? null : LocalDate.parse(value.toString().trim());
    } catch (RuntimeException e) {
      throw invalid(resource, where + " is not a date yyyy-MM-dd: " + value);
    }
  }

  private static IllegalStateException invalid(Resource resource, String problem) {
    return new IllegalStateException(resource.getDescription() + ": " + problem);
  }
}
