/* Prints the dm ioctl ABI's sizes, offsets and request numbers from the kernel's own header,
 * so Sts's interop constants are checked against C rather than against themselves.
 * Build and run:  cc -o /tmp/dm-layout layout.c && /tmp/dm-layout > layout.txt  */
#include <stddef.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <linux/dm-ioctl.h>

#define OFF(s, f) printf("%s.%s %zu\n", #s, #f, offsetof(struct s, f))
#define SIZE(s) printf("sizeof.%s %zu\n", #s, sizeof(struct s))
#define REQ(r) printf("%s 0x%lx\n", #r, (unsigned long)(r))
#define FLAG(f) printf("%s 0x%x\n", #f, (unsigned)(f))

int main(void)
{
	printf("DM_INTERFACE_VERSION %d.%d.%d\n", DM_VERSION_MAJOR, DM_VERSION_MINOR, DM_VERSION_PATCHLEVEL);
	SIZE(dm_ioctl);
	OFF(dm_ioctl, version); OFF(dm_ioctl, data_size); OFF(dm_ioctl, data_start);
	OFF(dm_ioctl, target_count); OFF(dm_ioctl, open_count); OFF(dm_ioctl, flags);
	OFF(dm_ioctl, event_nr); OFF(dm_ioctl, padding); OFF(dm_ioctl, dev);
	OFF(dm_ioctl, name); OFF(dm_ioctl, uuid); OFF(dm_ioctl, data);
	SIZE(dm_target_spec);
	OFF(dm_target_spec, sector_start); OFF(dm_target_spec, length); OFF(dm_target_spec, status);
	OFF(dm_target_spec, next); OFF(dm_target_spec, target_type);
	SIZE(dm_target_deps);
	OFF(dm_target_deps, count); OFF(dm_target_deps, dev);
	SIZE(dm_name_list);
	OFF(dm_name_list, dev); OFF(dm_name_list, next); OFF(dm_name_list, name);
	SIZE(dm_target_versions);
	OFF(dm_target_versions, next); OFF(dm_target_versions, version); OFF(dm_target_versions, name);
	SIZE(dm_target_msg);
	OFF(dm_target_msg, sector); OFF(dm_target_msg, message);
	REQ(DM_VERSION); REQ(DM_REMOVE_ALL); REQ(DM_LIST_DEVICES); REQ(DM_DEV_CREATE); REQ(DM_DEV_REMOVE);
	REQ(DM_DEV_RENAME); REQ(DM_DEV_SUSPEND); REQ(DM_DEV_STATUS); REQ(DM_DEV_WAIT); REQ(DM_TABLE_LOAD);
	REQ(DM_TABLE_CLEAR); REQ(DM_TABLE_DEPS); REQ(DM_TABLE_STATUS); REQ(DM_LIST_VERSIONS);
	REQ(DM_TARGET_MSG); REQ(DM_DEV_SET_GEOMETRY); REQ(DM_DEV_ARM_POLL); REQ(DM_GET_TARGET_VERSION);
	FLAG(DM_READONLY_FLAG); FLAG(DM_SUSPEND_FLAG); FLAG(DM_PERSISTENT_DEV_FLAG); FLAG(DM_STATUS_TABLE_FLAG);
	FLAG(DM_ACTIVE_PRESENT_FLAG); FLAG(DM_INACTIVE_PRESENT_FLAG); FLAG(DM_BUFFER_FULL_FLAG);
	FLAG(DM_SKIP_LOCKFS_FLAG); FLAG(DM_NOFLUSH_FLAG); FLAG(DM_QUERY_INACTIVE_TABLE_FLAG);
	FLAG(DM_UEVENT_GENERATED_FLAG); FLAG(DM_UUID_FLAG); FLAG(DM_SECURE_DATA_FLAG); FLAG(DM_DATA_OUT_FLAG);
	FLAG(DM_DEFERRED_REMOVE); FLAG(DM_INTERNAL_SUSPEND_FLAG); FLAG(DM_NAME_LIST_FLAG_HAS_UUID);
	printf("DM_NAME_LEN %d\nDM_UUID_LEN %d\nDM_MAX_TYPE_NAME %d\n", DM_NAME_LEN, DM_UUID_LEN, DM_MAX_TYPE_NAME);
	return 0;
}
