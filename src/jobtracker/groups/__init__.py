"""Running an instance for a group: admin user management and its audit log, invitations,
single sign-on, groups with coaches, what members share with them, and coaches' comments."""
