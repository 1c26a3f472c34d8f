package vn.congdoan.award.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.congdoan.award.form.InputValidationException;
import vn.congdoan.award.form.TextCharacters;
import vn.congdoan.award.nomination.ModelProperties;
import vn.congdoan.award.nomination.NominationReadModel;
import vn.congdoan.award.support.BusinessClock;
import vn.congdoan.award.support.Texts;
import vn.congdoan.award.support.WithoutAuthorization;

/**
 * Files attached to a nomination: the unit's preparer or chair attaches them while the dossier is with the
 * unit, that is while one of its open tasks has the element property {@code attachments=unit} (in the
 * shipped model: the chair's approval and every revision; Modeler changes it); everyone whose scope covers
 * the nomination downloads them. A file's type is judged by its content (PDF, Word, JPEG, PNG), its name
 * must agree with it, its size is bounded; each is kept for good with who attached it and when, its SHA-256,
 * and a line in the trail. Nothing is ever replaced or deleted: a corrected file is attached again.
 */
@Service
public class Attachments {
  /** What a file is; the messages {@code attachment.kind.<code>} name them. */
  public static final List<String> KINDS = List.of("minutes", "report", "letter", "other");

  /** An accepted file type: its name's extensions and how its content starts. */
  record FileType(String contentType, List<String> extensions, byte[] magic) {}

  static final List<FileType> TYPES = List.of(
      new FileType("application/pdf", List.of("pdf"), "%PDF-".getBytes()),
      new FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", List.of("docx"),
          new byte[] {'P', 'K', 3, 4}),
      new FileType("application/msword", List.of("doc"),
          new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1}),
      new FileType("image/jpeg", List.of("jpg", "jpeg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
      new FileType("image/png", List.of("png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}));

  /** The element property that opens a step to the unit's attachments, and its value. */
  static final String PROPERTY = "attachments";
  static final String UNIT = "unit";

  public record Attachment(String id, String kind, String kindName, String fileName, String contentType,
      long size, String sha256, String stepName, String uploadedBy, String uploadedByName, java.util.Date uploadedAt) {}

  private final JdbcTemplate jdbc;
  private final IdentityService identity;
  private final NominationReadModel readModel;
  private final BusinessClock clock;
  private final Texts texts;
  private final long maxBytes;
  private final TaskService tasks;
  private final RepositoryService repository;
  private final WithoutAuthorization withoutAuthorization;

  public Attachments(JdbcTemplate jdbc, IdentityService identity, NominationReadModel readModel, BusinessClock clock,
      Texts texts, @Value("${award.attachments.max-bytes:10000000}") long maxBytes, TaskService tasks,
      RepositoryService repository, WithoutAuthorization withoutAuthorization) {
    this.tasks = tasks;
    this.repository = repository;
    this.withoutAuthorization = withoutAuthorization;
    this.jdbc = jdbc;
    this.identity = identity;
    this.readModel = readModel;
    this.clock = clock;
    this.texts = texts;
    this.maxBytes = maxBytes;
  }

  /** Whether the current user may attach to this nomination now (the caller checked the scope). */
  public boolean mayAttach(Map<String, Object> nomination, java.util.Set<String> withdrawingUnits) {
    if (nomination.get("ended_at") != null || !withdrawingUnits.contains((String) nomination.get("unit_code"))) {
      return false;
    }
    return withoutAuthorization.call(() -> tasks.createTaskQuery()
        .processInstanceId((String) nomination.get("process_instance_id")).list().stream()
        .anyMatch(t -> ModelProperties.get((org.camunda.bpm.model.bpmn.instance.BaseElement) repository
            .getBpmnModelInstance(t.getProcessDefinitionId()).getModelElementById(t.getTaskDefinitionKey()), PROPERTY)
            .filter(UNIT::equals).isPresent()));
  }

  /** Checks and stores one file; a bad one throws with every reason in Vietnamese and stores nothing. */
  @Transactional
  public Attachment attach(Map<String, Object> nomination, String kind, String originalName, byte[] content) {
    List<String> errors = new ArrayList<>();
    if (kind == null || !KINDS.contains(kind)) {
      errors.add(texts.get("attachment.badKind"));
    }
    String name = originalName == null ? "" : Normalizer.normalize(originalName, Normalizer.Form.NFC).strip();
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    if (name.isEmpty() || name.length() > 200 || TextCharacters.firstRefused(name, false) >= 0) {
      errors.add(texts.get("attachment.badName"));
    }
    if (content == null || content.length == 0) {
      errors.add(texts.get("attachment.empty"));
    } else if (content.length > maxBytes) {
      errors.add(texts.get("attachment.tooLarge", size(content.length), size(maxBytes)));
    }
    Optional<FileType> type = content == null ? Optional.empty() : typeOf(content);
    String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
    if (content != null && content.length > 0 && type.isEmpty()) {
      errors.add(texts.get("attachment.badType"));
    } else if (type.isPresent() && !type.get().extensions().contains(extension)) {
      errors.add(texts.get("attachment.nameMismatch", name, type.get().extensions().get(0)));
    }
    if (!errors.isEmpty()) {
      throw new InputValidationException(texts.get("attachment.title"), errors);
    }
    String user = identity.getCurrentAuthentication().getUserId();
    User u = identity.createUserQuery().userId(user).singleResult();
    String userName = u == null ? null : (u.getFirstName() + " " + u.getLastName()).strip();
    String id = UUID.randomUUID().toString();
    String sha = sha256(content);
    Timestamp now = Timestamp.from(clock.now());
    String processInstanceId = (String) nomination.get("process_instance_id");
    jdbc.update("""
        insert into nomination_attachment (id, process_instance_id, kind, file_name, content_type, size_bytes, sha256,
          content, step, step_name, uploaded_by, uploaded_by_name, uploaded_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        id, processInstanceId, kind, name, type.get().contentType(), content.length, sha, content,
        nomination.get("current_step"), nomination.get("current_step_name"), user, userName, now);
    readModel.recordReview(processInstanceId, (String) nomination.get("current_step"),
        (String) nomination.get("current_step_name"), null, user, userName, "attached",
        texts.get("attachment.trail", texts.get("attachment.kind." + kind), name, size(content.length), sha), null);
    return new Attachment(id, kind, texts.get("attachment.kind." + kind), name, type.get().contentType(),
        content.length, sha, (String) nomination.get("current_step_name"), user, userName, now);
  }

  public List<Attachment> of(String processInstanceId) {
    return jdbc.query("""
        select id, kind, file_name, content_type, size_bytes, sha256, step_name, uploaded_by, uploaded_by_name,
          uploaded_at from nomination_attachment where process_instance_id = ? order by uploaded_at, id""",
        (rs, i) -> new Attachment(rs.getString("id"), rs.getString("kind"),
            texts.getOrDefault("attachment.kind." + rs.getString("kind"), rs.getString("kind")),
            rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
            rs.getString("step_name"), rs.getString("uploaded_by"), rs.getString("uploaded_by_name"),
            rs.getTimestamp("uploaded_at")), processInstanceId);
  }

  /** One file's description and content, if it belongs to this nomination. */
  public Optional<Map.Entry<Attachment, byte[]>> content(String processInstanceId, String id) {
    List<byte[]> bytes = jdbc.query(
        "select content from nomination_attachment where process_instance_id = ? and id = ?",
        (rs, i) -> rs.getBytes(1), processInstanceId, id);
    return bytes.isEmpty() ? Optional.empty() : of(processInstanceId).stream().filter(a -> a.id().equals(id))
        .findFirst().map(a -> Map.entry(a, bytes.get(0)));
  }

  static Optional<FileType> typeOf(byte[] content) {
    return TYPES.stream().filter(t -> content.length >= t.magic().length
        && Arrays.equals(Arrays.copyOf(content, t.magic().length), t.magic())).findFirst();
  }

  public static String size(long bytes) {
    if (bytes < 1000) {
      return bytes + " byte";
    }
    if (bytes < 1_000_000) {
      return String.format(Locale.ROOT, "%.0f KB", bytes / 1000.0);
    }
    return String.format(new Locale("vi"), "%.1f MB", bytes / 1_000_000.0);
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
