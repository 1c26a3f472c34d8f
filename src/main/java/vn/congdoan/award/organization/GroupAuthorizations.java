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
import org.springframework.stereotype.Component;

/**
 * What each role's group may do in Camunda. Task access itself comes from the candidate groups of the
 * BPMN (the engine grants it per task), so this only opens the applications and the definitions.
 * Grants are added, never taken away: an administrator's extra grants survive a restart.
 */
@Component
class GroupAuthorizations {

  /** The process of docs/design.md; only preparers start it. */
  static final String PROCESS_KEY = "award-nomination";
  private static final String ANY = "*";

  private final AuthorizationService authorizations;

  GroupAuthorizations(AuthorizationService authorizations) {
    this.authorizations = authorizations;
  }

  /** @return how many authorizations were created or given more permissions */
  int grant(Role role, String groupId) {
    int changed = 0;
    changed += grant(groupId, APPLICATION, "tasklist", ACCESS);
    changed += grant(groupId, PROCESS_DEFINITION, ANY, READ);
    if (Role.PREPARER.equals(role.code())) {
      changed += grant(groupId, PROCESS_DEFINITION, PROCESS_KEY, CREATE_INSTANCE);
      changed += grant(groupId, PROCESS_INSTANCE, ANY, CREATE);
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
