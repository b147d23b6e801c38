/*
 * Copyright 2026 nec-odd developers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "nec-sim-command.h"

#include <string.h>

#include "nec-sim-drive-private.h"

#define NEC_SIM_COMMAND_BANK1	  0x10
#define NEC_SIM_COMMAND_PAGE_SIZE 0x1000

/*
 * Every opcode the drive answers or a trace reader may meet, once. Vendor
 * opcodes are matched with their sub-command (byte 1 without the bank bit);
 * standard ones have subcmd 0 and match on the opcode alone.
 */
/* clang-format off */
static const NecSimCommandInfo nec_sim_command_table[] = {
    {0x00, 0x00, "TEST_UNIT_READY",                NEC_SIM_CMD_PLAIN,          NEC_SIM_CMD_NONE,               nec_sim_drive_test_unit_ready},
    {0x03, 0x00, "REQUEST_SENSE",                  NEC_SIM_CMD_PLAIN,          NEC_SIM_CMD_NONE,               NULL},
    {0x12, 0x00, "INQUIRY",                        NEC_SIM_CMD_PLAIN,          NEC_SIM_CMD_NO_UNIT_ATTENTION,  nec_sim_drive_inquiry},
    {0x1A, 0x00, "MODE_SENSE_6",                   NEC_SIM_CMD_PLAIN,          NEC_SIM_CMD_NONE,               NULL},
    {0x1B, 0x00, "START_STOP_UNIT",                NEC_SIM_CMD_PLAIN,          NEC_SIM_CMD_NONE,               NULL},
    {0x1E, 0x00, "PREVENT_ALLOW_MEDIUM_REMOVAL",   NEC_SIM_CMD_PLAIN,          NEC_SIM_CMD_NONE,               NULL},
    {0x25, 0x00, "READ_CAPACITY",                  NEC_SIM_CMD_PLAIN,          NEC_SIM_CMD_NONE,               nec_sim_mmc_read_capacity},
    {0x28, 0x00, "READ_10",                        NEC_SIM_CMD_PLAIN,          NEC_SIM_CMD_NONE,               NULL},
    {0x43, 0x00, "READ_TOC",                       NEC_SIM_CMD_PLAIN,          NEC_SIM_CMD_NONE,               NULL},
    {0x46, 0x00, "GET_CONFIGURATION",              NEC_SIM_CMD_PLAIN,          NEC_SIM_CMD_NONE,               nec_sim_mmc_get_configuration},
    {0x4A, 0x00, "GET_EVENT_STATUS_NOTIFICATION",  NEC_SIM_CMD_PLAIN,          NEC_SIM_CMD_NONE,               NULL},
    {0x51, 0x00, "READ_DISC_INFORMATION",          NEC_SIM_CMD_PLAIN,          NEC_SIM_CMD_NONE,               NULL},
    {0x5A, 0x00, "MODE_SENSE_10",                  NEC_SIM_CMD_PLAIN,          NEC_SIM_CMD_NONE,               nec_sim_mmc_mode_sense},
    {0x85, 0x00, "ATA_PASS_THROUGH_16",            NEC_SIM_CMD_PLAIN,          NEC_SIM_CMD_NONE,               NULL},
    {0xA1, 0x00, "ATA_PASS_THROUGH_12",            NEC_SIM_CMD_PLAIN,          NEC_SIM_CMD_NONE,               NULL},
    {0xA4, 0x00, "REPORT_KEY",                     NEC_SIM_CMD_PLAIN,          NEC_SIM_CMD_NONE,               nec_sim_mmc_report_key},
    {0xAC, 0x00, "GET_PERFORMANCE",                NEC_SIM_CMD_PLAIN,          NEC_SIM_CMD_NONE,               NULL},
    {0xBD, 0x00, "MECHANISM_STATUS",               NEC_SIM_CMD_PLAIN,          NEC_SIM_CMD_NONE,               NULL},
    {0xBE, 0x00, "READ_CD",                        NEC_SIM_CMD_PLAIN,          NEC_SIM_CMD_NONE,               NULL},
    {0xCC, 0x00, "ReadRAM",                        NEC_SIM_CMD_READ_RAM,       NEC_SIM_CMD_NONE,               nec_sim_drive_read_ram},
    {0xCC, 0x01, "SafeMode",                       NEC_SIM_CMD_SAFE_MODE,      NEC_SIM_CMD_NONE,               nec_sim_drive_safe_mode},
    {0xCC, 0x04, "SendChecksum",                   NEC_SIM_CMD_SEND_CHECKSUM,  NEC_SIM_CMD_SAFE_MODE_ONLY,     nec_sim_drive_send_checksum},
    {0xCB, 0x01, "WriteRAM",                       NEC_SIM_CMD_WRITE_RAM,      NEC_SIM_CMD_SAFE_MODE_ONLY,     nec_sim_drive_write_ram},
    {0xCB, 0x02, "ProgramBlock",                   NEC_SIM_CMD_BLOCKS,         NEC_SIM_CMD_SAFE_MODE_ONLY,     nec_sim_drive_program},
    {0xCB, 0x04, "EraseBlock",                     NEC_SIM_CMD_BLOCKS,         NEC_SIM_CMD_SAFE_MODE_ONLY,     nec_sim_drive_erase},
    {0xCB, 0x08, "EraseBank",                      NEC_SIM_CMD_PLAIN,          NEC_SIM_CMD_SAFE_MODE_ONLY,     NULL},
    {0xCD, 0x00, "ReadBoot",                       NEC_SIM_CMD_PLAIN,          NEC_SIM_CMD_SAFE_MODE_ONLY,     nec_sim_drive_read_boot},
};
/* clang-format on */

static gboolean
nec_sim_command_opcode_is_vendor(guint8 opcode)
{
	return opcode == 0xCB || opcode == 0xCC || opcode == 0xCD;
}

static const NecSimCommandInfo *
nec_sim_command_lookup(const NecSimCommand *cmd)
{
	for (guint i = 0; i < G_N_ELEMENTS(nec_sim_command_table); i++) {
		const NecSimCommandInfo *info = &nec_sim_command_table[i];
		if (info->opcode == cmd->cdb[0] && (!cmd->vendor || info->subcmd == cmd->subcmd))
			return info;
	}
	return NULL;
}

/* EraseBlock and ProgramBlock: byte (8 - b / 8) holds bit b % 8 */
static void
nec_sim_command_decode_blocks(NecSimCommand *cmd)
{
	for (guint i = 0; i < 7; i++)
		cmd->blocks |= (guint64)cmd->cdb[8 - i] << (i * 8);
	cmd->block = -1;
	if (cmd->blocks == 0 || (cmd->blocks & (cmd->blocks - 1)) != 0)
		return;
	cmd->block = 0;
	while ((cmd->blocks >> cmd->block) != 1)
		cmd->block++;
}

void
nec_sim_command_decode(NecSimCommand *cmd,
		       const guint8 *cdb,
		       gsize cdb_len,
		       NecSimDir dir,
		       guint8 *data,
		       gsize data_len,
		       NecSimResult *result)
{
	memset(cmd, 0, sizeof(*cmd));
	memcpy(cmd->cdb, cdb, MIN(cdb_len, sizeof(cmd->cdb)));
	cmd->cdb_len = cdb_len;
	cmd->dir = dir;
	cmd->data = data;
	cmd->data_len = data_len;
	cmd->result = result;
	cmd->block = -1;
	cmd->vendor = cdb_len > 0 && nec_sim_command_opcode_is_vendor(cmd->cdb[0]);
	if (cmd->vendor) {
		cmd->bank1 = (cmd->cdb[1] & NEC_SIM_COMMAND_BANK1) != 0;
		cmd->subcmd = cmd->cdb[1] & ~NEC_SIM_COMMAND_BANK1;
	}
	cmd->info = cdb_len > 0 ? nec_sim_command_lookup(cmd) : NULL;
	if (cmd->info == NULL)
		return;

	switch (cmd->info->kind) {
	case NEC_SIM_CMD_READ_RAM:
		cmd->addr = nec_sim_read_be32(cmd->cdb + 2);
		cmd->len = nec_sim_read_be16(cmd->cdb + 7);
		cmd->id = cmd->cdb + 9;
		break;
	case NEC_SIM_CMD_SAFE_MODE:
		cmd->mode = cmd->cdb[2];
		cmd->key = cmd->cdb + 4;
		break;
	case NEC_SIM_CMD_WRITE_RAM:
		cmd->addr = nec_sim_read_be32(cmd->cdb + 2);
		cmd->pages = cmd->cdb[8];
		cmd->len = (gsize)cmd->pages * NEC_SIM_COMMAND_PAGE_SIZE;
		break;
	case NEC_SIM_CMD_SEND_CHECKSUM:
		cmd->word = nec_sim_read_be16(cmd->cdb + 2);
		cmd->index_byte = cmd->cdb[8];
		break;
	case NEC_SIM_CMD_BLOCKS:
		nec_sim_command_decode_blocks(cmd);
		break;
	case NEC_SIM_CMD_PLAIN:
	default:
		break;
	}
}

/* a key as the 4 characters it is, or in hex if it is not printable */
static void
nec_sim_command_append_key(GString *str, const guint8 *key)
{
	for (guint i = 0; i < 4; i++) {
		if (!g_ascii_isgraph(key[i])) {
			g_string_append_printf(str, "0x%08X", nec_sim_read_be32(key));
			return;
		}
	}
	g_string_append_len(str, (const gchar *)key, 4);
}

static void
nec_sim_command_append_blocks(GString *str, const NecSimCommand *cmd)
{
	if (cmd->block >= 0)
		g_string_append_printf(str, "/%d", cmd->block);
	else
		g_string_append_printf(str, "/bitmap=%014" G_GINT64_MODIFIER "X", cmd->blocks);
}

gchar *
nec_sim_command_to_string(const NecSimCommand *cmd)
{
	GString *str = g_string_new(NULL);

	if (cmd->info == NULL) {
		g_string_append_printf(str, "unknown/0x%02X", cmd->cdb[0]);
		if (cmd->bank1)
			g_string_append(str, "/bank1");
		return g_string_free(str, FALSE);
	}
	g_string_append(str, cmd->info->name);
	switch (cmd->info->kind) {
	case NEC_SIM_CMD_READ_RAM:
		g_string_append_printf(str, "/0x%06X/%" G_GSIZE_FORMAT, cmd->addr, cmd->len);
		if (cmd->id[0] == 'R' && cmd->id[1] == 'D')
			g_string_append_printf(str, "/rd=%02X", cmd->id[2]);
		else if (cmd->id[0] != 0 || cmd->id[1] != 0 || cmd->id[2] != 0)
			g_string_append_printf(str,
					       "/id=%02X%02X%02X",
					       cmd->id[0],
					       cmd->id[1],
					       cmd->id[2]);
		break;
	case NEC_SIM_CMD_SAFE_MODE:
		if (cmd->mode == 0x01)
			g_string_append(str, "/enter/");
		else if (cmd->mode == 0x00)
			g_string_append(str, "/leave/");
		else
			g_string_append_printf(str, "/mode=%02X/", cmd->mode);
		nec_sim_command_append_key(str, cmd->key);
		break;
	case NEC_SIM_CMD_WRITE_RAM:
		g_string_append_printf(str, "/0x%06X/%" G_GSIZE_FORMAT, cmd->addr, cmd->len);
		break;
	case NEC_SIM_CMD_SEND_CHECKSUM:
		if (cmd->index_byte % 4 == 0)
			g_string_append_printf(str, "/%u", (guint)cmd->index_byte / 4);
		else
			g_string_append_printf(str, "/ix=%02X", cmd->index_byte);
		g_string_append_printf(str, "/0x%04X", cmd->word);
		break;
	case NEC_SIM_CMD_BLOCKS:
		nec_sim_command_append_blocks(str, cmd);
		break;
	case NEC_SIM_CMD_PLAIN:
	default:
		break;
	}
	if (cmd->bank1)
		g_string_append(str, "/bank1");
	return g_string_free(str, FALSE);
}
