/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Test-only LD_PRELOAD, put BEFORE umockdev's preload: brings back, under the
 * simulator, the netlink clash Debian 12's fwupd daemon has on a real machine.
 * libusb 1.0.26 opens a NETLINK_KOBJECT_UEVENT socket and binds it with port 0;
 * the kernel then gives it the process ID as its port. fwupd 2.0.20's udev
 * backend binds its own socket to getpid() and gets EADDRINUSE. umockdev turns
 * every uevent socket into a Unix socket, so the kernel never sees either bind.
 *
 * Here the libusb socket is a real kernel socket opened and bound exactly as
 * libusb does, at load time (made with raw syscalls, so umockdev cannot wrap it),
 * and every netlink bind() to a fixed port is first tried by the kernel on a real
 * uevent socket: when the kernel refuses, bind() fails with its errno; otherwise
 * umockdev's emulation carries on as before.
 */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <linux/netlink.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NEC_NETLINK_CLASH_GROUP_KERNEL 1 /* libusb's NL_GROUP_KERNEL */

static int nec_netlink_clash_libusb_fd = -1;

static int
nec_netlink_clash_kernel_socket(void)
{
	return (int)syscall(SYS_socket,
			    AF_NETLINK,
			    SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
			    NETLINK_KOBJECT_UEVENT);
}

__attribute__((constructor)) static void
nec_netlink_clash_init(void)
{
	struct sockaddr_nl nls = {.nl_family = AF_NETLINK,
				  .nl_pid = 0,
				  .nl_groups = NEC_NETLINK_CLASH_GROUP_KERNEL};
	int fd = nec_netlink_clash_kernel_socket();
	if (fd < 0)
		return;
	if (syscall(SYS_bind, fd, (const struct sockaddr *)&nls, sizeof(nls)) != 0) {
		close(fd);
		return;
	}
	nec_netlink_clash_libusb_fd = fd;
}

int
bind(int fd, const struct sockaddr *addr, socklen_t addrlen)
{
	static int (*real_bind)(int, const struct sockaddr *, socklen_t) = NULL;
	struct sockaddr_nl nls;

	if (real_bind == NULL)
		real_bind =
		    (int (*)(int, const struct sockaddr *, socklen_t))dlsym(RTLD_NEXT, "bind");
	if (nec_netlink_clash_libusb_fd >= 0 && addr != NULL && addrlen >= sizeof(nls) &&
	    addr->sa_family == AF_NETLINK) {
		memcpy(&nls, addr, sizeof(nls));
		if (nls.nl_pid != 0) {
			int probe = nec_netlink_clash_kernel_socket();
			if (probe >= 0) {
				int rc = (int)syscall(SYS_bind, probe, &nls, sizeof(nls));
				int saved = errno;
				close(probe);
				if (rc != 0) {
					errno = saved;
					return -1;
				}
			}
		}
	}
	return real_bind(fd, addr, addrlen);
}
