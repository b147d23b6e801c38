/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * LD_PRELOAD for Debian 12's fwupd daemon run outside umockdev
 * (contrib/fwupd-daemon.sh --no-sim). libusb 1.0.26 opens its udev monitor
 * first and the kernel gives that netlink socket the port number of the
 * process; fwupd's udev backend then binds its own socket to getpid() and
 * gets EADDRINUSE, so it disables the whole udev backend (fwupd issue 8083):
 * no block device, and no emulated one either. Only that failure is changed:
 * a netlink bind to our own PID that fails with EADDRINUSE is retried with
 * port 0, which lets the kernel choose a free port.
 */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <linux/netlink.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int
bind(int fd, const struct sockaddr *addr, socklen_t addrlen)
{
	static int (*real_bind)(int, const struct sockaddr *, socklen_t) = NULL;
	struct sockaddr_nl nls;
	int rc;

	if (real_bind == NULL)
		real_bind =
		    (int (*)(int, const struct sockaddr *, socklen_t))dlsym(RTLD_NEXT, "bind");
	rc = real_bind(fd, addr, addrlen);
	if (rc == 0 || errno != EADDRINUSE || addr == NULL || addr->sa_family != AF_NETLINK ||
	    addrlen < sizeof(nls))
		return rc;
	memcpy(&nls, addr, sizeof(nls));
	if (nls.nl_pid != (__u32)getpid())
		return rc;
	nls.nl_pid = 0;
	return real_bind(fd, (const struct sockaddr *)&nls, sizeof(nls));
}
