package vn.congdoan.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Seeds a PostgreSQL database at scale by copying real process instances: every row the engine and the
 * application wrote for a template instance (runtime, history, byte arrays, authorizations of its tasks,
 * the read model and review trail) is inserted again {@code n} times, in one statement per table, with every
 * id of the template given the copy's suffix, so the copies are as consistent as the template (a copied
 * task has its candidate link, its authorization, its variables and its history). Unique business values
 * (nomination codes, decision numbers) are made unique too; the candidate groups of most copies can be moved
 * to other units so that a reviewer's list holds a realistic share of them.
 */
final class InstanceCloner {
  private final Connection db;
  /** Tables and their columns, in an order that respects the foreign keys (parents first). */
  private final Map<String, List<String[]>> tables = new LinkedHashMap<>();

  InstanceCloner(Connection db) throws SQLException {
    this.db = db;
    DatabaseMetaData meta = db.getMetaData();
    List<String> names = new ArrayList<>();
    try (ResultSet rs = meta.getTables(null, "public", "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
    }
    for (String table : names) {
      List<String[]> columns = new ArrayList<>();
      try (ResultSet rs = meta.getColumns(null, "public", table, "%")) {
        while (rs.next()) {
          boolean text = rs.getInt("DATA_TYPE") == Types.VARCHAR || rs.getInt("DATA_TYPE") == Types.CHAR;
          columns.add(new String[] {rs.getString("COLUMN_NAME"), text ? "text" : "other"});
        }
      }
      tables.put(table, columns);
    }
  }

  /**
   * Copies the instance {@code n} times (copies number {@code offset+1} … {@code offset+n}). For every copy
   * whose number is not a multiple of {@code keepUnitEvery}, the template's grassroots unit code in group ids
   * is replaced by one of {@code otherUnits} synthetic units.
   */
  long copy(String processInstanceId, int n, int offset, String unitCode, int keepUnitEvery, int otherUnits)
      throws SQLException {
    Set<String> ids = idsOf(processInstanceId);
    long rows = 0;
    try (Statement s = db.createStatement()) {
      s.execute("set session_replication_role = replica"); // foreign keys are the template's, already consistent
    }
    try {
      for (Map.Entry<String, List<String[]>> table : tables.entrySet()) {
        String where = belongsTo(table.getKey(), table.getValue());
        if (where == null || table.getKey().equalsIgnoreCase("mail_message")) {
          continue; // mails are not copied: a copy of a queued mail would be sent
        }
        Map<String, Kind> kinds = kinds(table.getKey(), table.getValue(), where, processInstanceId, ids);
        StringBuilder select = new StringBuilder();
        StringBuilder insert = new StringBuilder();
        int arrays = 0;
        for (String[] column : table.getValue()) {
          String c = column[0];
          if (insert.length() > 0) {
            insert.append(", ");
            select.append(", ");
          }
          insert.append(c);
          Kind kind = kinds.getOrDefault(c, Kind.KEEP);
          // a UUID (at the end of an id, as in activity instance ids) is replaced by one made from it and the
          // copy's number: same length, the same in every row that refers to it; shorter values get a suffix
          String copy = "(g + " + offset + ")";
          String mapped = "(case when length(t." + c + ") >= 36 then left(t." + c + ", length(t." + c + ") - 36) || "
              + "md5(t." + c + " || '-' || " + copy + ")::uuid::text else t." + c + " || '-c' || " + copy + " end)";
          if (c.equalsIgnoreCase("group_id_") && unitCode != null) {
            select.append("case when t.").append(c).append(" like '").append(unitCode).append("-%' and ").append(copy)
                .append(" % ").append(keepUnitEvery).append(" <> 0 then replace(t.").append(c).append(", '")
                .append(unitCode).append("', 'cs_synth_' || (").append(copy).append(" % ").append(otherUnits)
                .append(")) else t.").append(c).append(" end");
          } else if (kind == Kind.MAP || isUniqueBusinessValue(table.getKey(), c)) {
            select.append(mapped);
          } else if (kind == Kind.SOME) {
            select.append("case when t.").append(c).append(" = any(?) then ").append(mapped).append(" else t.")
                .append(c).append(" end");
            arrays++;
          } else {
            select.append("t.").append(c);
          }
        }
        String sql = "insert into " + table.getKey() + " (" + insert + ") select " + select + " from "
            + table.getKey() + " t cross join generate_series(1, " + n + ") g where " + where;
        try (PreparedStatement ps = db.prepareStatement(sql)) {
          Array array = db.createArrayOf("varchar", ids.toArray());
          int index = 1;
          for (int i = 0; i < arrays; i++) {
            ps.setArray(index++, array);
          }
          bindWhere(ps, index, table.getKey(), table.getValue(), processInstanceId, ids);
          rows += ps.executeUpdate();
        }
      }
    } finally {
      try (Statement s = db.createStatement()) {
        s.execute("set session_replication_role = origin");
      }
    }
    return rows;
  }

  /** How a text column of a table's template rows is copied: every value an id of the template, some, or none. */
  private enum Kind { MAP, SOME, KEEP }

  private Map<String, Kind> kinds(String table, List<String[]> columns, String where, String processInstanceId,
      Set<String> ids) throws SQLException {
    Map<String, Kind> kinds = new LinkedHashMap<>();
    List<String> text = columns.stream().filter(c -> c[1].equals("text")).map(c -> c[0]).toList();
    if (text.isEmpty()) {
      return kinds;
    }
    try (PreparedStatement ps = db.prepareStatement("select " + String.join(", ", text) + " from " + table
        + " t where " + where)) {
      bindWhere(ps, 1, table, columns, processInstanceId, ids);
      Map<String, int[]> seen = new LinkedHashMap<>(); // [values, ids]
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          for (int i = 0; i < text.size(); i++) {
            String v = rs.getString(i + 1);
            if (v != null) {
              int[] counts = seen.computeIfAbsent(text.get(i), k -> new int[2]);
              counts[0]++;
              if (ids.contains(v)) {
                counts[1]++;
              }
            }
          }
        }
      }
      seen.forEach((column, counts) -> kinds.put(column,
          counts[1] == 0 ? Kind.KEEP : counts[1] == counts[0] ? Kind.MAP : Kind.SOME));
    }
    return kinds;
  }

  private static boolean isUniqueBusinessValue(String table, String column) {
    String t = table.toLowerCase(Locale.ROOT);
    String c = column.toLowerCase(Locale.ROOT);
    return (t.equals("nomination") && (c.equals("code") || c.equals("decision_number")))
        || (t.equals("mail_message") && c.equals("message_id"));
  }

  /** The condition selecting the template's rows of a table, or null if the table holds none. */
  private static String belongsTo(String table, List<String[]> columns) {
    Set<String> names = new LinkedHashSet<>();
    columns.forEach(c -> names.add(c[0].toLowerCase(Locale.ROOT)));
    String t = table.toLowerCase(Locale.ROOT);
    if (t.equals("act_ge_bytearray") || (t.equals("act_ru_authorization"))) {
      return "t.id_ = any(?)"; // byte arrays and task authorizations by their own ids
    }
    if (t.equals("act_ru_identitylink")) {
      return "t.task_id_ = any(?)"; // a task's candidate links carry no process instance
    }
    List<String> conditions = new ArrayList<>();
    for (String column : List.of("proc_inst_id_", "root_proc_inst_id_", "process_instance_id")) {
      if (names.contains(column)) {
        conditions.add("t." + column + " = ?");
      }
    }
    return conditions.isEmpty() ? null : "(" + String.join(" or ", conditions) + ")";
  }

  private static void bindWhere(PreparedStatement ps, int index, String table, List<String[]> columns,
      String processInstanceId, Set<String> ids) throws SQLException {
    String t = table.toLowerCase(Locale.ROOT);
    if (t.equals("act_ge_bytearray") || t.equals("act_ru_authorization") || t.equals("act_ru_identitylink")) {
      ps.setArray(index, ps.getConnection().createArrayOf("varchar", ids.toArray()));
      return;
    }
    Set<String> names = new LinkedHashSet<>();
    columns.forEach(c -> names.add(c[0].toLowerCase(Locale.ROOT)));
    for (String column : List.of("proc_inst_id_", "root_proc_inst_id_", "process_instance_id")) {
      if (names.contains(column)) {
        ps.setString(index++, processInstanceId);
      }
    }
  }

  /** Every id the template's rows carry: their own ids, their byte arrays, the authorizations of their tasks. */
  private Set<String> idsOf(String processInstanceId) throws SQLException {
    Set<String> ids = new LinkedHashSet<>();
    ids.add(processInstanceId);
    Set<String> taskIds = new LinkedHashSet<>();
    for (Map.Entry<String, List<String[]>> table : tables.entrySet()) {
      String where = belongsTo(table.getKey(), table.getValue());
      String t = table.getKey().toLowerCase(Locale.ROOT);
      if (where == null || t.equals("act_ge_bytearray") || t.equals("act_ru_authorization")
          || t.equals("act_ru_identitylink")) {
        continue;
      }
      List<String> idColumns = new ArrayList<>();
      for (String[] c : table.getValue()) {
        String name = c[0].toLowerCase(Locale.ROOT);
        if (c[1].equals("text") && (name.equals("id_") || name.equals("id") || name.endsWith("bytearray_id_")
            || name.equals("byte_array_id_") || name.equals("exception_stack_id_") || name.equals("act_inst_id_"))) {
          idColumns.add(c[0]);
        }
      }
      if (idColumns.isEmpty()) {
        continue;
      }
      try (PreparedStatement ps = db.prepareStatement("select " + String.join(", ", idColumns) + " from "
          + table.getKey() + " t where " + where)) {
        bindWhere(ps, 1, table.getKey(), table.getValue(), processInstanceId, ids);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            for (int i = 1; i <= idColumns.size(); i++) {
              if (rs.getString(i) != null) {
                ids.add(rs.getString(i));
                if (t.equals("act_ru_task") && idColumns.get(i - 1).equalsIgnoreCase("id_")) {
                  taskIds.add(rs.getString(i));
                }
              }
            }
          }
        }
      }
    }
    try (PreparedStatement ps = db.prepareStatement("select id_ from act_ru_identitylink where task_id_ = any(?)")) {
      ps.setArray(1, db.createArrayOf("varchar", taskIds.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    try (PreparedStatement ps = db.prepareStatement("select id_ from act_ru_authorization where resource_id_ = any(?)")) {
      ps.setArray(1, db.createArrayOf("varchar", taskIds.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    return ids;
  }
}
