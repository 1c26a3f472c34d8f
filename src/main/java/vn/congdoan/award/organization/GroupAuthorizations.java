package vn.congdoan.award.organization;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GLOBAL;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;
import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.TASK;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.AuthorizationQuery;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.springframework.stereotype.Component;

/**
 * What each role's group may do in Camunda. Task access itself comes from the candidate groups of the
 * BPMN (the engine grants it per task), so this only opens the applications and the definitions.
 * Grants are added, never taken away (an administrator's extra grants survive a restart), except a group's own
 * copy of what every user now holds through one global grant ({@link #grantEveryUser}).
 */
@Component
class GroupAuthorizations {

  /** The process of docs/design.md; only preparers start it. */
  static final String PROCESS_KEY = "award-nomination";
  /** The council session (bpmn/council-session.bpmn); its secretariat opens it (the model checks the unit too). */
  static final String SESSION_KEY = "council-session";
  static final String SESSION_OPENER = "secretariat";
  private static final String ANY = "*";

  private final AuthorizationService authorizations;

  GroupAuthorizations(AuthorizationService authorizations) {
    this.authorizations = authorizations;
  }

  /** @return how many authorizations were created or given more permissions */
  int grant(Role role, String groupId) {
    int changed = 0;
    changed += grant(groupId, APPLICATION, "tasklist", ACCESS);
    // Reading the definitions and creating instances (which also needs CREATE_INSTANCE on the definition)
    // are every user's, once (grantEveryUser): the group's own copies, from before, go.
    changed += dropExactly(groupId, PROCESS_DEFINITION, ANY, READ);
    changed += dropExactly(groupId, PROCESS_INSTANCE, ANY, CREATE);
    if (Role.PREPARER.equals(role.code())) {
      changed += grant(groupId, PROCESS_DEFINITION, PROCESS_KEY, CREATE_INSTANCE);
    }
    if (SESSION_OPENER.equals(role.code())) {
      changed += grant(groupId, PROCESS_DEFINITION, SESSION_KEY, CREATE_INSTANCE);
    }
    if (Role.AUDITOR.equals(role.code())) {
      // Reads everything, history included, and changes nothing.
      changed += grant(groupId, PROCESS_DEFINITION, ANY, READ, READ_HISTORY, READ_INSTANCE);
      changed += grant(groupId, PROCESS_INSTANCE, ANY, READ);
      changed += grant(groupId, TASK, ANY, READ);
      changed += grant(groupId, DECISION_DEFINITION, ANY, READ, READ_HISTORY);
      changed += grant(groupId, DEPLOYMENT, ANY, READ);
      changed += grant(groupId, APPLICATION, "cockpit", ACCESS);
      // Admin too, read-only: who is in which group, and which rights they hold
      changed += grant(groupId, APPLICATION, "admin", ACCESS);
      changed += grant(groupId, Resources.USER, ANY, READ);
      changed += grant(groupId, Resources.GROUP, ANY, READ);
      changed += grant(groupId, Resources.AUTHORIZATION, ANY, READ);
      changed += grant(groupId, Resources.FILTER, ANY, READ);
      changed += grant(groupId, Resources.BATCH, ANY, READ);
      changed += grant(groupId, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, READ);
    }
    return changed;
  }

  /**
   * What every user may do whatever their role, as one global grant each rather than one per group: reading
   * the process definitions (Tasklist names and draws them) and creating process instances (effective only
   * with CREATE_INSTANCE on a definition, which only preparers hold). Camunda's task queries join every
   * authorization on resource '*' of the user's groups to every task they look at; with one such row per
   * group, a province's hundreds of units would make every task list slower.
   *
   * @return how many authorizations were created or widened
   */
  int grantEveryUser() {
    return grantEveryone(PROCESS_DEFINITION, ANY, READ) + grantEveryone(PROCESS_INSTANCE, ANY, CREATE);
  }

  /** Deletes the group's grant on the resource if it grants exactly {@code permission} (nothing else added). */
  private int dropExactly(String groupId, Resource resource, String resourceId, Permission permission) {
    Authorization existing = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).list().stream().findFirst().orElse(null);
    if (existing instanceof AuthorizationEntity entity && entity.getPermissions() == permission.getValue()) {
      authorizations.deleteAuthorization(existing.getId());
      return 1;
    }
    return 0;
  }

  /** Lets every user read the resource (a shared Tasklist filter). */
  int grantEveryone(Resource resource, String resourceId, Permission... permissions) {
    AuthorizationQuery query = authorizations.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GLOBAL)
        .userIdIn(Authorization.ANY);
    return ensure(query, AUTH_TYPE_GLOBAL, null, resource, resourceId, permissions);
  }

  private int grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    AuthorizationQuery query = authorizations.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(groupId);
    return ensure(query, AUTH_TYPE_GRANT, groupId, resource, resourceId, permissions);
  }

  private int ensure(AuthorizationQuery query, int type, String groupId, Resource resource, String resourceId,
      Permission... permissions) {
    Authorization authorization = query
        .resourceType(resource)
        .resourceId(resourceId)
        .list()
        .stream()
        .findFirst()
        .orElse(null);
    boolean isNew = authorization == null;
    if (isNew) {
      authorization = authorizations.createNewAuthorization(type);
      if (groupId == null) {
        authorization.setUserId(Authorization.ANY);
      } else {
        authorization.setGroupId(groupId);
      }
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    boolean changed = isNew;
    for (Permission permission : permissions) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizations.saveAuthorization(authorization);
    }
    return changed ? 1 : 0;
  }
}
