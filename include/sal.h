/*
 * sal.h - Microsoft's source annotation language (SAL).  The annotations
 * are for Microsoft's static analyser; here each one is empty, so
 * annotated declarations compile as plain C.  Only the common forms are
 * listed; an unknown one is a compile error naming it.
 */
#ifndef LS_SAL_H
#define LS_SAL_H

#define _In_
#define _In_opt_
#define _In_z_
#define _In_opt_z_
#define _In_count_(n)
#define _In_bytecount_(n)
#define _In_reads_(n)
#define _In_reads_opt_(n)
#define _In_reads_bytes_(n)
#define _In_reads_bytes_opt_(n)
#define _In_reads_z_(n)
#define _In_range_(lo, hi)
#define _Out_
#define _Out_opt_
#define _Out_z_cap_(n)
#define _Out_cap_(n)
#define _Out_bytecap_(n)
#define _Out_writes_(n)
#define _Out_writes_opt_(n)
#define _Out_writes_z_(n)
#define _Out_writes_bytes_(n)
#define _Out_writes_bytes_opt_(n)
#define _Out_writes_to_(n, c)
#define _Out_writes_bytes_to_(n, c)
#define _Out_writes_bytes_all_(n)
#define _Inout_
#define _Inout_opt_
#define _Inout_z_
#define _Inout_updates_(n)
#define _Inout_updates_bytes_(n)
#define _Outptr_
#define _Outptr_opt_
#define _Outptr_result_maybenull_
#define _COM_Outptr_
#define _Ret_maybenull_
#define _Ret_notnull_
#define _Ret_z_
#define _Check_return_
#define _Must_inspect_result_
#define _Success_(e)
#define _Null_terminated_
#define _NullNull_terminated_
#define _Printf_format_string_
#define _Scanf_format_string_
#define _Use_decl_annotations_
#define _Pre_
#define _Post_
#define _Pre_notnull_
#define _Pre_maybenull_
#define _Post_invalid_
#define _Frees_ptr_
#define _Frees_ptr_opt_
#define _Field_size_(n)
#define _Field_size_bytes_(n)
#define _Field_size_opt_(n)
#define _Reserved_
#define _Analysis_assume_(e)
#define _When_(c, a)
#define _Acquires_lock_(l)
#define _Releases_lock_(l)
#define _Requires_lock_held_(l)
#define _Guarded_by_(l)
#define _Always_(a)
#define _Strict_type_match_
#define _Notnull_
#define _Maybenull_
#define _Deref_out_
#define _Deref_out_opt_
#define _Pre_satisfies_(e)
#define _Post_satisfies_(e)
#define _Post_equal_to_(e)
#define _Return_type_success_(e)
#define _Function_class_(n)
#define _IRQL_requires_max_(n)
#define _Dispatch_type_(n)
#define _Struct_size_bytes_(n)

#endif /* LS_SAL_H */
