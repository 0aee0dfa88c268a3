/**
 * The palette roles, read off the behaviour definitions (behaviours.ts): a role is one palette
 * entry of one behaviour, with its sockets. A document's node names its role; its behaviour, its
 * capabilities and its params schema follow from it.
 */
import { BEHAVIOURS, type BehaviourKey } from "./behaviours.js";
import type { Capabilities, PaletteRole } from "./behaviour-types.js";

export type { PatternGroup, RoleSocket } from "./behaviour-types.js";

type RolesOf<K extends BehaviourKey> = keyof (typeof BEHAVIOURS)[K]["roles"] & string;
export type Role = { [K in BehaviourKey]: RolesOf<K> }[BehaviourKey];

export interface RoleSpec extends PaletteRole {
  behaviour: BehaviourKey;
}

/** Every role, in palette order (the definitions' order). */
export const ROLES = Object.fromEntries(
  (Object.entries(BEHAVIOURS) as [BehaviourKey, (typeof BEHAVIOURS)[BehaviourKey]][]).flatMap(
    ([behaviour, d]) =>
      Object.entries(d.roles as Record<string, PaletteRole>).map(([role, spec]) => [
        role,
        { ...spec, behaviour },
      ]),
  ),
) as Record<Role, RoleSpec>;

export const ROLE_KEYS = Object.keys(ROLES) as Role[];

/** The behaviour a role runs. */
export const behaviourOf = (role: Role): BehaviourKey => ROLES[role].behaviour;

/** What the behaviour of this role can do (its definition's capabilities). */
export const capabilitiesOf = (role: Role): Capabilities =>
  BEHAVIOURS[ROLES[role].behaviour].capabilities;

/** A node run by another program (an external peer): see `Capabilities.outside`. */
export const isOutside = (node: { role: Role }): boolean =>
  capabilitiesOf(node.role).outside === true;
