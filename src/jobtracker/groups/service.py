"""Groups: the admin creates, renames and deletes them and places coaches and members in them
(every change in the audit log); anyone reads which groups they belong to."""

from __future__ import annotations

from sqlalchemy import Select, case, delete, func, select
from sqlalchemy.orm import Session

from jobtracker.auth.models import User
from jobtracker.errors import Conflict, InvalidInput, NotFound, QuotaExceeded
from jobtracker.groups import audit
from jobtracker.groups.models import Group, GroupMember, GroupRole, Share
from jobtracker.groups.schemas import GroupMemberOut, GroupOut, MyGroup

# A class or a cohort. Bounds the group dashboard, which reads each sharing member's figures.
MAX_MEMBERS_PER_GROUP = 200
MAX_GROUPS = 1000
NOT_FOUND = "Group {group_id} was not found."
NO_SUCH_ACCOUNT = "No account uses this email. Ask the person to sign up first, or invite them."


def _counted(query: Select[Group]) -> Select[Group, int, int]:
    coaches = func.count(case((GroupMember.role == GroupRole.COACH, 1)))
    members = func.count(case((GroupMember.role == GroupRole.MEMBER, 1)))
    return (
        query.add_columns(coaches.label("coaches"), members.label("members"))
        .outerjoin(GroupMember, GroupMember.group_id == Group.id)
        .group_by(Group.id)
    )


def _present(group: Group, coaches: int, members: int) -> GroupOut:
    return GroupOut(
        id=group.id,
        name=group.name,
        coaches=coaches,
        members=members,
        created_at=group.created_at,
    )


def list_groups(
    session: Session, *, search: str | None, limit: int, offset: int
) -> tuple[list[GroupOut], int]:
    """Every group, by name, for the admin."""
    query = select(Group)
    if search and search.strip():
        query = query.where(
            func.lower(Group.name).contains(search.strip().lower(), autoescape=True)
        )
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.execute(
        _counted(query).order_by(func.lower(Group.name), Group.id).limit(limit).offset(offset)
    ).all()
    return [_present(group, coaches, members) for group, coaches, members in rows], total


def get_group(session: Session, group_id: int) -> Group:
    group = session.get(Group, group_id)
    if group is None:
        raise NotFound(NOT_FOUND.format(group_id=group_id))
    return group


def read_group(session: Session, group_id: int) -> GroupOut:
    row = session.execute(_counted(select(Group).where(Group.id == group_id))).first()
    if row is None:
        raise NotFound(NOT_FOUND.format(group_id=group_id))
    group, coaches, members = row
    return _present(group, coaches, members)


def create_group(session: Session, admin: User, name: str) -> GroupOut:
    if (session.scalar(select(func.count()).select_from(Group)) or 0) >= MAX_GROUPS:
        raise QuotaExceeded(f"An instance holds at most {MAX_GROUPS} groups. Delete an old one.")
    group = Group(name=name)
    session.add(group)
    session.flush()
    audit.record(session, admin, "group.create", details={"group_id": group.id, "name": name})
    session.commit()
    return _present(group, 0, 0)


def rename_group(session: Session, admin: User, group_id: int, name: str) -> GroupOut:
    group = get_group(session, group_id)
    previous = group.name
    group.name = name
    audit.record(
        session,
        admin,
        "group.rename",
        details={"group_id": group.id, "name": name, "previous_name": previous},
    )
    session.commit()
    return read_group(session, group_id)


def delete_group(session: Session, admin: User, group_id: int) -> None:
    """The group goes with its memberships, shares and coaches' access; nobody's own data."""
    group = get_group(session, group_id)
    audit.record(session, admin, "group.delete", details={"group_id": group.id, "name": group.name})
    # Explicit deletes as well as the foreign keys' cascades: SQLite enforces those only with
    # its pragma on, and shares must never outlive the group they were given to.
    session.execute(delete(Share).where(Share.group_id == group_id))
    session.execute(delete(GroupMember).where(GroupMember.group_id == group_id))
    session.delete(group)
    session.commit()


def list_members(
    session: Session, group_id: int, *, limit: int, offset: int
) -> tuple[list[GroupMemberOut], int]:
    """The group's coaches first, then its members, each by name."""
    get_group(session, group_id)
    query = (
        select(GroupMember, User)
        .join(User, User.id == GroupMember.user_id)
        .where(GroupMember.group_id == group_id)
    )
    coaches_first = case((GroupMember.role == GroupRole.COACH, 0), else_=1)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.execute(
        query.order_by(coaches_first, func.lower(User.display_name), User.id)
        .limit(limit)
        .offset(offset)
    ).all()
    return [_member_out(membership, user) for membership, user in rows], total


def _member_out(membership: GroupMember, user: User) -> GroupMemberOut:
    return GroupMemberOut(
        user_id=user.id,
        email=user.email,
        display_name=user.display_name,
        group_role=membership.role,
        joined_at=membership.joined_at,
    )


def _membership(session: Session, group_id: int, user_id: int) -> GroupMember | None:
    return session.get(GroupMember, (group_id, user_id))


def _check_room(session: Session, group_id: int) -> None:
    count = session.scalar(
        select(func.count()).select_from(GroupMember).where(GroupMember.group_id == group_id)
    )
    if (count or 0) >= MAX_MEMBERS_PER_GROUP:
        raise QuotaExceeded(
            f"A group holds at most {MAX_MEMBERS_PER_GROUP} people. Start another group."
        )


def add_member(
    session: Session, admin: User, group_id: int, email: str, role: GroupRole
) -> GroupMemberOut:
    group = get_group(session, group_id)
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise InvalidInput(NO_SUCH_ACCOUNT, fields={"email": NO_SUCH_ACCOUNT})
    if _membership(session, group_id, user.id) is not None:
        raise Conflict(
            f"{user.display_name} is already in {group.name}. Change their role in the list.",
            fields={"email": "This person is already in the group."},
        )
    _check_room(session, group_id)
    membership = GroupMember(group_id=group_id, user_id=user.id, role=role)
    session.add(membership)
    audit.record(
        session,
        admin,
        "group.member.add",
        target=user,
        details={"group_id": group_id, "group": group.name, "group_role": role.value},
    )
    session.commit()
    return _member_out(membership, user)


def join_group(session: Session, group_id: int, user: User, role: GroupRole) -> bool:
    """Place an account in a group (an invitation's), in the caller's transaction; whether it
    was added (already in it, nothing changes). A full group is refused like a full instance."""
    get_group(session, group_id)
    if _membership(session, group_id, user.id) is not None:
        return False
    _check_room(session, group_id)
    session.add(GroupMember(group_id=group_id, user_id=user.id, role=role))
    session.flush()
    return True


def role_in(session: Session, group_id: int, user_id: int) -> GroupRole | None:
    """The user's role in the group, or None when they are not in it."""
    membership = _membership(session, group_id, user_id)
    return membership.role if membership is not None else None


def change_role(
    session: Session, admin: User, group_id: int, user_id: int, role: GroupRole
) -> GroupMemberOut:
    group = get_group(session, group_id)
    membership = _membership(session, group_id, user_id)
    user = session.get(User, user_id)
    if membership is None or user is None:
        raise NotFound(f"That person is not in {group.name}.")
    previous = membership.role
    membership.role = role
    audit.record(
        session,
        admin,
        "group.member.role",
        target=user,
        details={
            "group_id": group_id,
            "group": group.name,
            "group_role": role.value,
            "previous_group_role": previous.value,
        },
    )
    session.commit()
    return _member_out(membership, user)


def remove_member(session: Session, admin: User, group_id: int, user_id: int) -> None:
    """Out of the group: what they shared with it stops being shared at once."""
    group = get_group(session, group_id)
    membership = _membership(session, group_id, user_id)
    user = session.get(User, user_id)
    if membership is None or user is None:
        raise NotFound(f"That person is not in {group.name}.")
    session.delete(membership)
    session.execute(delete(Share).where(Share.group_id == group_id, Share.member_id == user_id))
    audit.record(
        session,
        admin,
        "group.member.remove",
        target=user,
        details={"group_id": group_id, "group": group.name, "group_role": membership.role.value},
    )
    session.commit()


def my_groups(
    session: Session, user_id: int, *, limit: int, offset: int
) -> tuple[list[MyGroup], int]:
    """The groups the user belongs to, and their role in each, by name."""
    query = (
        select(Group.id, Group.name, GroupMember.role)
        .join(GroupMember, GroupMember.group_id == Group.id)
        .where(GroupMember.user_id == user_id)
    )
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.execute(
        query.order_by(func.lower(Group.name), Group.id).limit(limit).offset(offset)
    ).all()
    return [MyGroup(id=row.id, name=row.name, group_role=row.role) for row in rows], total


def is_coach(session: Session, user_id: int, group_id: int) -> bool:
    membership = _membership(session, group_id, user_id)
    return membership is not None and membership.role is GroupRole.COACH
