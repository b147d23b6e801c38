// Copyright 2026 nec-odd developers
// SPDX-License-Identifier: LGPL-2.1-or-later

// Wire formats of NEC ATAPI optical drives, as documented by the Binflash
// sources; all vendor CDBs are 12 bytes long

#[derive(ToString)]
enum FuNecOddSenseKey {
    NoSense = 0x00,
    RecoveredError = 0x01,
    NotReady = 0x02,
    MediumError = 0x03,
    HardwareError = 0x04,
    IllegalRequest = 0x05,
    UnitAttention = 0x06,
    DataProtect = 0x07,
    BlankCheck = 0x08,
    VendorSpecific = 0x09,
    CopyAborted = 0x0A,
    AbortedCommand = 0x0B,
    Equal = 0x0C,
    VolumeOverflow = 0x0D,
    Miscompare = 0x0E,
}

// the SCSI status byte (SAM-5)
#[repr(u8)]
enum FuNecOddScsiStatus {
    Good = 0x00,
    CheckCondition = 0x02,
    ConditionMet = 0x04,
    Busy = 0x08,
    ReservationConflict = 0x18,
    TaskSetFull = 0x28,
    AcaActive = 0x30,
    TaskAborted = 0x40,
}

// sg_io_hdr.host_status, from the kernel's scsi.h
enum FuNecOddSgHost {
    Ok = 0x00,
    BusBusy = 0x02,
    TimeOut = 0x03,
    Reset = 0x08,
    SoftError = 0x0B,
    ImmRetry = 0x0C,
    Requeue = 0x0D,
}

// the low nibble of sg_io_hdr.driver_status, from the kernel's sg.h
enum FuNecOddSgDriver {
    Ok = 0x00,
    Busy = 0x01,
    Timeout = 0x06,
    Sense = 0x08,
}

#[repr(u8)]
enum FuNecOddOpcode {
    TestUnitReady = 0x00,
    Inquiry = 0x12,
    FlashWrite = 0xCB,
    FlashControl = 0xCC,
    ReadBoot = 0xCD,
}

#[repr(u8)]
enum FuNecOddSafeModeAction {
    Leave = 0x00,
    Enter = 0x01,
}

// CDB byte 1 of every vendor command selects the flash chip
#[repr(u8)]
enum FuNecOddCdbBank {
    Bank0 = 0x00,
    Bank1 = 0x10,
}

#[derive(ToString)]
#[repr(u8)]
enum FuNecOddBlockCmd {
    Program = 0x02,
    Erase = 0x04,
}

#[derive(New, Default)]
#[repr(C, packed)]
struct FuStructNecOddCdbTestUnitReady {
    opcode: FuNecOddOpcode == TestUnitReady,
    reserved: [u8; 5],
}

#[derive(New, Default)]
#[repr(C, packed)]
struct FuStructNecOddCdbInquiry {
    opcode: FuNecOddOpcode == Inquiry,
    evpd: u8,
    page: u8,
    allocation_length: u16be,
    control: u8,
}

#[derive(Parse)]
#[repr(C, packed)]
struct FuStructNecOddInquiry {
    peripheral: u8, // qualifier and device type, 0x05 for CD/DVD
    rmb: u8,
    version: u8,
    response_format: u8,
    additional_length: u8,
    flags: [u8; 3],
    vendor: [char; 8],
    product: [char; 16],
    revision: [char; 4],
}

// read flash or RAM, 1 to 0x8000 bytes
#[derive(New, Getters, Default)]
#[repr(C, packed)]
struct FuStructNecOddCdbReadRam {
    opcode: FuNecOddOpcode == FlashControl,
    subcmd: u8 = 0x00, // with FuNecOddCdbBank
    address: u32be,
    reserved: u8,
    length: u16be,
    tag: [u8; 3], // 'R' 'D' id for dumps on newer drives, else zero
}

// the key is the drive type's canonical ID, e.g. "K352" for a drive reading "K312"
#[derive(New, Getters, Default)]
#[repr(C, packed)]
struct FuStructNecOddCdbSafeMode {
    opcode: FuNecOddOpcode == FlashControl,
    subcmd: u8 = 0x01,
    action: FuNecOddSafeModeAction,
    reserved1: u8,
    key: [char; 4],
    unknown: u8 == 0x01,
    reserved2: [u8; 3],
}

#[derive(New, Getters, Default)]
#[repr(C, packed)]
struct FuStructNecOddCdbSendChecksum {
    opcode: FuNecOddOpcode == FlashControl,
    subcmd: u8 = 0x04,
    checksum: u16be,
    reserved1: [u8; 3],
    bootcode: u8,
    index: u8, // four times the checksum index
    area: u8,
    reserved2: [u8; 2],
}

// stage pages of 4 KiB into the drive's RAM
#[derive(New, Getters, Default)]
#[repr(C, packed)]
struct FuStructNecOddCdbWriteRam {
    opcode: FuNecOddOpcode == FlashWrite,
    subcmd: u8 = 0x01,
    address: u32be,
    reserved1: [u8; 2],
    pages: u8,
    area: u8,
    reserved2: [u8; 2],
}

// erase or program: block b is bit (b % 8) of bitmap[6 - b / 8]
#[derive(New, Default)]
#[repr(C, packed)]
struct FuStructNecOddCdbBlock {
    opcode: FuNecOddOpcode == FlashWrite,
    subcmd: u8, // FuNecOddBlockCmd with FuNecOddCdbBank
    bitmap: [u8; 7],
    reserved: [u8; 3],
}

// erase a whole bank; Binflash: only the 640K family's bank 1
#[derive(New, Getters, Default)]
#[repr(C, packed)]
struct FuStructNecOddCdbEraseBank {
    opcode: FuNecOddOpcode == FlashWrite,
    subcmd: u8 = 0x08, // with FuNecOddCdbBank
    reserved: [u8; 10],
}

// the INQUIRY answer the main firmware gives, embedded in the image body
#[derive(New, ParseStream, Default)]
#[repr(C, packed)]
struct FuStructNecOddImageSignature {
    magic: [u8; 10] == 0x07000300780078007800,
    reserved: [u8; 384],
    vendor: [char; 8],
    product: [char; 16],
    revision: [char; 4],
    vendor_specific: [u8; 20],
}

// after the body: the hardware ID, then optionally the bootcode version
#[derive(ParseStream, New)]
#[repr(C, packed)]
struct FuStructNecOddImageTrailer {
    hardware_id: [char; 4],
}

#[derive(ParseStream, New)]
#[repr(C, packed)]
struct FuStructNecOddImageBootcode {
    version: u16be, // two ASCII digits, e.g. 0x3031
}
