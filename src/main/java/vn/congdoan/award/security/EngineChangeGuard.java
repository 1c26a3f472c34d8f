package vn.congdoan.award.security;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityState;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbBulkOperation;
import org.camunda.bpm.engine.impl.db.HistoricEntity;
import org.camunda.bpm.engine.repository.ResourceTypes;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.AttachmentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ByteArrayEntity;
import org.camunda.bpm.engine.impl.persistence.entity.CommentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MeterLogEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskMeterLogEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.task.IdentityLinkType;
import vn.congdoan.award.form.InputValidationException;
import vn.congdoan.award.support.Texts;

/**
 * What a user's command may change in the engine, judged by what the command did, whatever API or command
 * it came through: the guard looks at the entities the command is about to write (Camunda's entity cache,
 * just before it is flushed) and at two moments of the process itself.
 *
 * <ul>
 *   <li><b>A step's completion</b> (the task's {@code complete} event) is where a user hands values to a
 *   nomination: what the command wrote up to that moment may only be the fields of the task's own form;
 *   then separation of duties is checked for the user, and what the engine does afterwards is its own.</li>
 *   <li><b>A start</b> (the process's {@code start} event) must be at a start event: starting at a chosen
 *   step is for administrators. The dossier itself is checked by the registration step.</li>
 *   <li><b>Anything else</b> a user does may only claim, hand over or release a task (separation of duties
 *   is checked for the new assignee), set its follow-up date, comment, attach, keep their own filters and
 *   change their own password. A task ended otherwise than by completing it (a BPMN error or escalation, a
 *   message, a signal, a deletion, a modification), a variable written outside a step, a changed due date,
 *   a job run or retried, a candidate added, a profile renamed: refused, and nothing is stored.</li>
 * </ul>
 * The engine itself (no authenticated user: jobs, timers) and administrators ({@code camunda-admin}) are
 * not restricted, except by separation of duties and, for administrators, the rules of the texts they write. Users of a read-only role (auditors) change nothing but
 * their own password and filters.
 */
public class EngineChangeGuard {
  static final String ADMINISTRATORS = "camunda-admin";
  /** Task properties a user's claim, delegation, release or follow-up date changes. */
  private static final Set<String> TASK_USER_PROPERTIES =
      Set.of("assignee", "owner", "delegationState", "followUpDate", "lastUpdated", "taskState");
  /** Execution bookkeeping that a permitted change (a variable of a step) moves along. */
  private static final Set<String> EXECUTION_BOOKKEEPING = Set.of("cachedEntityState", "sequenceCounter");
  private static final Set<String> PROFILE = Set.of("firstName", "lastName", "email");

  /** The command contexts of this thread that act for a restricted user. */
  private static final ThreadLocal<Map<CommandContext, Watch>> WATCHES = ThreadLocal.withInitial(IdentityHashMap::new);

  private final Texts texts;
  private final Set<String> readOnlyRoles;
  private final DutySeparation duties;
  /** The rules of a free text (a comment): the Vietnamese violations, none if it may be stored. */
  private final java.util.function.Function<String, List<String>> commentRules;

  public EngineChangeGuard(Texts texts, Set<String> readOnlyRoles, DutySeparation duties,
      java.util.function.Function<String, List<String>> commentRules) {
    this.texts = texts;
    this.readOnlyRoles = Set.copyOf(readOnlyRoles);
    this.duties = duties;
    this.commentRules = commentRules;
  }

  /** Runs inside every command context (a post-command interceptor) and watches those of restricted users. */
  public CommandInterceptor interceptor() {
    return new CommandInterceptor() {
      @Override
      public <T> T execute(Command<T> command) {
        CommandContext context = Context.getCommandContext();
        if (context != null) {
          watch(context);
        }
        try {
          return next.execute(command);
        } catch (RuntimeException e) {
          // the engine wraps what a listener throws; callers get the refusal itself (403 with its message)
          Refusal refusal = Refusal.findIn(e);
          throw refusal != null ? refusal : e;
        }
      }
    };
  }

  /**
   * The application's own services, which check the user's permission themselves (withdrawal, recusal),
   * vouch for the current command: what it changes is not judged here.
   */
  public static void vouchForCurrentCommand() {
    CommandContext context = Context.getCommandContext();
    Watch watch = context == null ? null : WATCHES.get().get(context);
    if (watch != null) {
      watch.gatePassed = true;
    }
  }

  private void watch(CommandContext context) {
    Map<CommandContext, Watch> watches = WATCHES.get();
    if (watches.containsKey(context)) {
      return;
    }
    Authentication auth = context.getAuthentication();
    if (auth == null || auth.getUserId() == null) {
      return;
    }
    boolean administrator = groups(auth).contains(ADMINISTRATORS);
    boolean readOnly = !administrator && !groups(auth).isEmpty() && groups(auth).stream().allMatch(this::isReadOnlyGroup);
    Watch watch = new Watch(auth.getUserId(), readOnly, administrator);
    watches.put(context, watch);
    context.registerCommandContextListener(watch);
  }

  private boolean isReadOnlyGroup(String groupId) {
    int dash = groupId.lastIndexOf('-');
    return dash >= 0 && readOnlyRoles.contains(groupId.substring(dash + 1));
  }

  private static List<String> groups(Authentication auth) {
    return auth.getGroupIds() == null ? List.of() : auth.getGroupIds();
  }

  // ---- the moments of the process (task and execution listeners, see GuardParseListener) ----

  /** A task is being completed: its form's fields only, then separation of duties for the user. */
  void taskCompleting(DelegateTask task, Set<String> formFields) {
    CommandContext context = Context.getCommandContext();
    Watch watch = WATCHES.get().get(context);
    if (watch != null && !watch.gatePassed && !watch.administrator) {
      inspect(context, watch, new Scope(task.getProcessInstanceId(), formFields, false, task.getName()));
      watch.gatePassed = true;
    }
    Authentication auth = context.getAuthentication();
    if (auth != null && auth.getUserId() != null) {
      duties.check(task, auth.getUserId());
    }
  }

  /** A task got a new assignee, through whatever command: separation of duties for that person. */
  void taskAssigned(DelegateTask task) {
    Authentication auth = Context.getCommandContext().getAuthentication();
    if (auth != null && auth.getUserId() != null && task.getAssignee() != null) {
      duties.check(task, task.getAssignee());
    }
  }

  /** A process instance starts: at one of its start events, unless an administrator starts it elsewhere. */
  void processStarting(DelegateExecution execution) {
    CommandContext context = Context.getCommandContext();
    Watch watch = WATCHES.get().get(context);
    if (watch == null || watch.gatePassed || watch.administrator) {
      return;
    }
    ActivityImpl activity = ((ExecutionEntity) execution).getActivity();
    Object type = activity == null ? null : activity.getProperty("type");
    if (!(type instanceof String t) || !t.toLowerCase().contains("startevent")
        || activity.getFlowScope() != activity.getProcessDefinition()) {
      throw new Refusal(texts.get("security.pathBypass"));
    }
    inspect(context, watch, new Scope(execution.getProcessInstanceId(), null, true, null));
    watch.gatePassed = true;
  }

  // ---- judging the entities a command writes ----

  /** What the command may write: variables of one instance (null: any), and whether inserts are a new instance. */
  private record Scope(String processInstanceId, Set<String> variables, boolean newInstance, String stepName) {
    static final Scope NONE = new Scope(null, Set.of(), false, null);
  }

  private final class Watch implements CommandContextListener {
    final String userId;
    final boolean readOnly;
    /** An administrator: only the rules of the texts they write apply. */
    final boolean administrator;
    boolean gatePassed;

    Watch(String userId, boolean readOnly, boolean administrator) {
      this.userId = userId;
      this.readOnly = readOnly;
      this.administrator = administrator;
    }

    @Override
    public void onCommandContextClose(CommandContext context) {
      try {
        if (!gatePassed) {
          inspect(context, this, Scope.NONE);
        }
      } finally {
        WATCHES.get().remove(context);
      }
    }

    @Override
    public void onCommandFailed(CommandContext context, Throwable t) {
      WATCHES.get().remove(context);
    }
  }

  private enum Kind { INSERT, UPDATE, DELETE }

  private void inspect(CommandContext context, Watch watch, Scope scope) {
    DbEntityManager entities = context.getDbEntityManager();
    List<String> refusals = new ArrayList<>();
    Set<String> foreignVariables = new TreeSet<>();
    List<String> invalidTexts = new ArrayList<>();
    // byte arrays hold the values of variables (JSON, long texts) and of attachments: a changed one is a
    // change of its owner; the owner's id may be in its current state or in the state it was loaded with
    Map<String, DbEntity> byteOwners = new HashMap<>();
    List<CachedDbEntity> cached = entities.getDbEntityCache().getCachedEntities();
    for (CachedDbEntity c : cached) {
      if (c.getEntity() instanceof VariableInstanceEntity || c.getEntity() instanceof AttachmentEntity) {
        for (Object state : new Object[] {c.getEntity().getPersistentState(), copyOf(c)}) {
          if (state instanceof Map<?, ?> m) {
            for (String key : List.of("byteArrayValueId", "contentId")) {
              if (m.get(key) instanceof String id) {
                byteOwners.put(id, c.getEntity());
              }
            }
          }
        }
        if (c.getEntity() instanceof AttachmentEntity a && a.getContentId() != null) {
          byteOwners.put(a.getContentId(), a);
        }
      }
    }
    for (CachedDbEntity c : cached) {
      Kind kind = switch (c.getEntityState()) {
        case TRANSIENT -> Kind.INSERT;
        case DELETED_PERSISTENT, DELETED_MERGED -> Kind.DELETE;
        case MERGED -> Kind.UPDATE;
        case PERSISTENT -> c.isDirty() ? Kind.UPDATE : null;
        default -> null; // DELETED_TRANSIENT: created and removed again, nothing is written
      };
      if (kind != null) {
        judge(context, watch, scope, c, kind, byteOwners, refusals, foreignVariables, invalidTexts);
      }
    }
    for (DbBulkOperation bulk : entities.getDbOperationManager().bulkOperationsInsertionOrder) {
      if (!watch.administrator && !HistoricEntity.class.isAssignableFrom(bulk.getEntityType())) {
        refusals.add(texts.get("security.engineChange", bulk.getEntityType().getSimpleName()));
      }
    }
    if (!refusals.isEmpty()) {
      throw new Refusal(String.join(" ", new java.util.LinkedHashSet<>(refusals)));
    }
    if (!invalidTexts.isEmpty()) {
      throw new InputValidationException(texts.get("validation.title"), invalidTexts);
    }
    if (!foreignVariables.isEmpty()) {
      String names = String.join(", ", foreignVariables);
      throw new InputValidationException(texts.get("validation.title"), List.of(scope.stepName() != null
          ? texts.get("validation.foreignFields", scope.stepName(), names)
          : texts.get("security.variablesOutsideStep", names)));
    }
  }

  private void judge(CommandContext context, Watch watch, Scope scope, CachedDbEntity cached, Kind kind,
      Map<String, DbEntity> byteOwners, List<String> refusals, Set<String> foreignVariables,
      List<String> invalidTexts) {
    DbEntity entity = cached.getEntity();
    if (watch.administrator) {
      if (entity instanceof CommentEntity comment && kind != Kind.DELETE) {
        invalidTexts.addAll(commentRules.apply(comment.getFullMessage()));
      }
      return;
    }
    if (entity instanceof ByteArrayEntity && byteOwners.get(entity.getId()) != null
        && !(entity instanceof ByteArrayEntity b && Integer.valueOf(ResourceTypes.HISTORY.getValue()).equals(b.getType()))) {
      entity = byteOwners.get(entity.getId()); // judged as a change of the variable or attachment it holds
    }
    if (entity instanceof CommentEntity || entity instanceof AttachmentEntity) {
      if (watch.readOnly) {
        refusals.add(texts.get("security.readOnly"));
      } else if (entity instanceof CommentEntity comment && kind != Kind.DELETE) {
        invalidTexts.addAll(commentRules.apply(comment.getFullMessage()));
      }
      return;
    }
    if (entity instanceof HistoricEntity || entity instanceof MeterLogEntity || entity instanceof TaskMeterLogEntity
        || (entity instanceof ByteArrayEntity b && Integer.valueOf(ResourceTypes.HISTORY.getValue()).equals(b.getType()))) {
      return; // the engine's own record of what happened
    }
    if (kind == Kind.INSERT && scope.newInstance()) {
      return; // everything a start creates belongs to the new instance, checked by its registration step
    }
    if (entity instanceof UserEntity user) {
      judgeUser(context, watch, cached, user, kind, refusals);
      return;
    }
    if (entity instanceof FilterEntity filter && Objects.equals(filter.getOwner(), watch.userId)) {
      return;
    }
    if (entity instanceof AuthorizationEntity a && a.getResourceType() == Resources.FILTER.resourceType()
        && Objects.equals(a.getUserId(), watch.userId)) {
      return; // the owner's grant on their own new filter
    }
    if (watch.readOnly) {
      refusals.add(texts.get("security.readOnly"));
      return;
    }
    if (entity instanceof VariableInstanceEntity v) {
      boolean allowed = scope.processInstanceId() != null && scope.processInstanceId().equals(v.getProcessInstanceId())
          && (scope.variables() == null || scope.variables().contains(v.getName()));
      if (!allowed) {
        foreignVariables.add(v.getName());
      }
      return;
    }
    if (entity instanceof TaskEntity task) {
      judgeTask(context, cached, task, kind, refusals);
      return;
    }
    if (entity instanceof IdentityLinkEntity link) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType())) {
        refusals.add(texts.get("security.candidates"));
      }
      return;
    }
    if (entity instanceof AuthorizationEntity a && a.getResourceType() == Resources.TASK.resourceType()) {
      return; // the engine's grants to a new assignee or owner of a task
    }
    if (entity instanceof ExecutionEntity && kind == Kind.UPDATE
        && EXECUTION_BOOKKEEPING.containsAll(changedProperties(context, cached))) {
      return;
    }
    refusals.add(texts.get("security.engineChange", entity.getClass().getSimpleName().replace("Entity", "")));
  }

  private void judgeTask(CommandContext context, CachedDbEntity cached, TaskEntity task, Kind kind, List<String> refusals) {
    String name = task.getName() == null ? task.getTaskDefinitionKey() : task.getName();
    switch (kind) {
      case INSERT -> refusals.add(texts.get("security.taskCreate"));
      case DELETE -> refusals.add(texts.get("security.taskEnd", name));
      case UPDATE -> {
        Set<String> changed = new TreeSet<>(changedProperties(context, cached));
        changed.removeAll(TASK_USER_PROPERTIES);
        if (!changed.isEmpty()) {
          refusals.add(texts.get("security.taskChange", name,
              String.join(", ", changed.stream().map(this::taskPropertyLabel).toList())));
        }
      }
    }
  }

  private String taskPropertyLabel(String property) {
    String key = "security.taskProperty." + property;
    String label = texts.get(key);
    return label.equals(key) ? property : label;
  }

  private void judgeUser(CommandContext context, Watch watch, CachedDbEntity cached, UserEntity user, Kind kind,
      List<String> refusals) {
    if (kind != Kind.UPDATE || !watch.userId.equals(user.getId())) {
      refusals.add(texts.get("security.engineChange", "User"));
      return;
    }
    Set<String> changed = changedProperties(context, cached);
    if (changed.stream().anyMatch(PROFILE::contains)) {
      refusals.add(texts.get("security.profileLocked"));
    } else if (watch.readOnly && !changed.isEmpty() && !Set.of("password", "salt").containsAll(changed)) {
      refusals.add(texts.get("security.readOnly"));
    }
  }

  /**
   * The persistent properties the command changed: against the copy the cache took when the entity was
   * loaded, or, for an entity the command merged in from outside (a saved task or user), against the row
   * as it is in the database now (this transaction has not flushed yet).
   */
  @SuppressWarnings("unchecked")
  private static Set<String> changedProperties(CommandContext context, CachedDbEntity cached) {
    Object now = cached.getEntity().getPersistentState();
    Object before;
    before = cached.getEntityState() == DbEntityState.MERGED ? null : copyOf(cached);
    if (!(before instanceof Map)) {
      // merged in from outside, or marked dirty without a copy (a new variable of the task): the row as stored
      DbEntity stored = context.getDbSqlSession().selectById(cached.getEntityType(), cached.getEntity().getId());
      before = stored == null ? null : stored.getPersistentState();
    }
    if (!(now instanceof Map<?, ?> after) || !(before instanceof Map<?, ?> previous)) {
      return Set.of("*");
    }
    Set<String> changed = new TreeSet<>();
    Set<Object> keys = new HashSet<>(after.keySet());
    keys.addAll(previous.keySet());
    for (Object key : keys) {
      if (!Objects.equals(normal(after.get(key)), normal(previous.get(key)))) {
        changed.add(String.valueOf(key));
      }
    }
    return changed;
  }

  /** Dates read back from the database are Timestamps; compare instants. */
  private static Object normal(Object value) {
    return value instanceof java.util.Date d ? d.getTime() : value;
  }

  private static final Field COPY = copyField();

  private static Field copyField() {
    try {
      Field f = CachedDbEntity.class.getDeclaredField("copy");
      f.setAccessible(true);
      return f;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("Camunda's CachedDbEntity has no field 'copy': adapt EngineChangeGuard", e);
    }
  }

  private static Object copyOf(CachedDbEntity cached) {
    try {
      return COPY.get(cached);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
